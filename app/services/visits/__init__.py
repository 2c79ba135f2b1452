"""Visits as events: recorded in the team window (with the recipient's signature), voided, entered
from a paper sheet, a thumbprint's slip received; drafts as typed; the team's day and cash
count."""
