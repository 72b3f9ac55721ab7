"""Icons, fonts and demo data, installed as the data package `mhdesk.resources`."""
