"""employer_space"""
