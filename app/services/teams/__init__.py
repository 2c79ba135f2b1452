"""Visit teams and who visits whom: teams, assignment by area, unit or balance or by hand, the
schedule."""
