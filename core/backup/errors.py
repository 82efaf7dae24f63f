class BackupError(Exception):
    """A backup or restore refused or failed: a sentence for the operator."""
