"""Contributor workflow: new-entry scaffolding, the issue form and its converter, contributor docs."""
