"""Importing rosters: reading, checking every row (in worker processes for big files), and writing
new, corrected and unchanged households in one transaction."""
