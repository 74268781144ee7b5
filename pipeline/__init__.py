"""Deadline-reminder pipeline for Chinese government work plans."""

__version__ = "0.1.0"
