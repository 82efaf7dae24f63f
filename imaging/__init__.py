"""Safe image uploads: validate, clean and re-encode, then make renditions.

Shared by `blog` (article covers) and `accounts` (avatars).
"""
