"""What a spec change does to the generated client's users, and whether it breaks them.

`python -m generator diff` compares the Python surfaces two specs generate, not their YAML: a
caller calls methods and reads models, and that is what can break. A module per step, data
flowing one way:

- `surface`: the surface as data, from the intermediate model (`schemas` reads the models'
  fields from the schemas datamodel-code-generator prints);
- `codec`: a surface as the `_surface.json` generation records in the package, and back;
- `typediff`: how the type at one place changed (nullable, enum values, union members,
  widened or narrowed);
- `compare`: two surfaces to a list of changes, each classified by `rules`, the one table of
  what breaks callers (the README prints it);
- `report`: the changes as text, JSON and CHANGELOG lines;
- `inputs`: specs on disk or at a git revision, and the recorded surface;
- `changelog` and `version`: what `generate` does with the changes (CHANGELOG.md, `--bump`).
"""
