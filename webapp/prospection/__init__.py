"""prospection"""
