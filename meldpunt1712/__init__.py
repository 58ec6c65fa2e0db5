"""Python side of the 1712 helpline warehouse (see README.md)."""
