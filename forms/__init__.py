"""Qt Designer forms of the window, installed as the data package `mhdesk.forms`."""
