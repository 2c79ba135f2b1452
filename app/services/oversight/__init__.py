"""What the office watches: the flags that need a person and each team's progress, computed from
the events every time."""
