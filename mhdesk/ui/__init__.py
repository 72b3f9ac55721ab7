"""The Qt window of mhdesk; everything it does to records goes through `mhdesk.core.services`."""
