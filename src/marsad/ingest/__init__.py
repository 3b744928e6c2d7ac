"""Reading articles from files, folders, HTML and JSON Lines."""
