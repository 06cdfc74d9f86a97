class DomainError(Exception):
    """A business rule refused an action. The message is shown to the user as it is.

    `field` names the form field the message belongs to, when there is one.
    """

    def __init__(self, message, *, field=None, code="invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
