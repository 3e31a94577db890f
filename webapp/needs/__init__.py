"""Employers' space, hiring needs and the CREs' queue, employer accounts."""
