"""File > Backups…, Tools > Check database, and the offer to restore a damaged database's latest good backup."""
