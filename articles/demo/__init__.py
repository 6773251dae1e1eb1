"""Demo content for local development: `manage.py load_demo_content`.

`content/` holds the words and relations as plain Python data; the other modules turn that data
into database rows, media files, users and published pages, idempotently.
"""
