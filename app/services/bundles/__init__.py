"""Bundles on USB sticks: exporting a team's assignment bundle and a laptop's result bundle,
importing a pile of them, the merge at the office (a set union of events), the bundle log, this
database's device and the laptops the office knows."""
