"""Setting a campaign up: the campaign, categories and their standards, other costs, units; and the
budget they add up to."""
