"""What the public-figure seed migrations from 0009 on share: add figures and merge aliases.

Django's migration loader skips modules whose names start with an underscore, so this is not a
migration. Migrations run for years after they are written: this must keep doing exactly what
it does now; a seed that needs something else gets its own function here."""


def figures_add(apps, figures: dict[str, str], nicknames: dict[str, str]) -> None:
    """Create each figure not there yet (aliases comma-separated), and add each nickname to the
    figures of that name that lack it. Staff-removed figures stay removed (nicknames touch only
    figures that exist), staff-written aliases are kept."""
    PublicFigure = apps.get_model("generation", "PublicFigure")
    for name, aliases in figures.items():
        PublicFigure.objects.get_or_create(name=name, defaults={"aliases": aliases})
    for name, more in nicknames.items():
        for figure in PublicFigure.objects.filter(name=name):
            have = [a.strip() for a in figure.aliases.split(",") if a.strip()]
            known = {a.lower() for a in have}
            new = [n.strip() for n in more.split(",") if n.strip().lower() not in known]
            if new:
                figure.aliases = ", ".join([*have, *new])
                figure.save(update_fields=["aliases"])


def figures_write(apps, written: dict[str, str]) -> None:
    """Add each name-as-written (comma-separated) to the figures of that name that lack it."""
    PublicFigure = apps.get_model("generation", "PublicFigure")
    for name, more in written.items():
        for figure in PublicFigure.objects.filter(name=name):
            have = [a.strip() for a in figure.names_as_written.split(",") if a.strip()]
            new = [n.strip() for n in more.split(",") if n.strip() and n.strip() not in have]
            if new:
                figure.names_as_written = ", ".join([*have, *new])
                figure.save(update_fields=["names_as_written"])


def figures_create(apps, figures: dict[str, str]) -> None:
    """Create each figure not there yet (aliases comma-separated), thousands at a time: one query
    per batch, not two per figure. Figures already there, or removed by staff, are left as they
    are, as figures_add leaves them."""
    PublicFigure = apps.get_model("generation", "PublicFigure")
    PublicFigure.objects.bulk_create(
        [PublicFigure(name=name, aliases=aliases) for name, aliases in figures.items()],
        batch_size=500,
        ignore_conflicts=True,
    )
