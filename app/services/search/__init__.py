"""Finding households in the team window: search as you type (name, pinyin initials, ID tail,
phone, address), visit status per household, the household card."""
