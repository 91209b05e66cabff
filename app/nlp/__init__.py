"""Language analysis: spaCy pipeline and the components that turn text into claims."""
