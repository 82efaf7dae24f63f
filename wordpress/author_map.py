"""The author map: which account here an author of the old site is, when
their emails differ. A CSV of `wordpress_login,folio_user` rows, given to
`manage.py import_wordpress --author-map` or uploaded in the admin."""

import csv


def read_author_map(lines) -> dict[str, str]:
    """`wordpress_login,folio_user` rows (a header row is allowed) as a dict.

    Raises ValueError naming the line when a row is not two values.
    """
    mapping = {}
    for number, row in enumerate(csv.reader(lines), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2:
            raise ValueError(
                f"line {number} of the author map has {len(row)} values; "
                "write two: wordpress_login,folio_user"
            )
        login, user = (value.strip() for value in row)
        if number == 1 and (login, user) == ("wordpress_login", "folio_user"):
            continue
        mapping[login] = user
    return mapping
