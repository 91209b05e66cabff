"""Reading articles and their manifests from disk or from the user."""
