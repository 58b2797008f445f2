"""The Django project: models, admin, pages and the JSON API. Views call the domain; they do not compute."""
