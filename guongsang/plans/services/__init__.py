"""Every write to plans, criteria and compliance cases: plans.py, criteria.py, compliance.py."""
