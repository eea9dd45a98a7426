"""Word documents and the nomination dossier, from docxtpl templates the office can edit.

* ``format_rules``: page, margins and fonts of Party (36-HD/VPTW) and state (NĐ 30/2020) documents;
* ``template_specs``: which template serves which document, the user's copies (no docxtpl: menus use it);
* ``templates``: loading, validation when loaded, rendering;
* ``contexts`` / ``builders``: what each template may use, filled from the services;
* ``generate``: documents on request (CLI ``export document``, menu «Xuất văn bản…»);
* ``dossier``: the nomination dossier of a proposal batch (CLI ``export dossier``, menu «Xuất hồ sơ…»).
"""
