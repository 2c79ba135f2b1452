"""Households after import: listing and searching, their application (status, members, materials,
the clerk's eligibility decision), and which rule each qualifies under."""
