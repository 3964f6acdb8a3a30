"""Stage 5, render: Markdown and finished HTML from the model and views (Jinja2 templates in templates/); no file reading."""
