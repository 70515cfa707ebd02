class DomainError(Exception):
    """A rule of the domain refused an action; the message is shown to the user as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
