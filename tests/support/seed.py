"""The founding article, as kept in tests/data/seed-article.txt (its header lines dropped), and
its statements about schemes with the words of the knowledge base that carry them."""

from __future__ import annotations

from functools import cache

from tests.support.paths import TEST_DATA

SEED_ARTICLE = TEST_DATA / "seed-article.txt"


@cache
def seed_article() -> str:
    """The article's text."""
    lines = SEED_ARTICLE.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("#"))

# (statement of the seed, scheme id, what the knowledge base says for it)
STATEMENTS = [
    ("Le dossard de la CCI Oise", "cci-oise-pack-creation", "CCI Oise"),
    ("un « Pack Création »", "cci-oise-pack-creation", "Pack Création"),
    (
        "tout un parcours de formation à la création d’entreprise",
        "cci-oise-pack-creation",
        "parcours de formation",
    ),
    ("qui comprend 120 heures", "cci-oise-pack-creation", "120 heures"),
    (
        "un accompagnement individuel par un conseiller de la CCI",
        "cci-oise-pack-creation",
        "accompagnement individuel par un conseiller",
    ),
    ("Au préalable, un atelier « êtes-vous prêt à créer ? »", "cci-oise-atelier", "au préalable"),
    ("est organisé avec les candidats", "cci-oise-atelier", "avec les candidats"),
    ("la CCI Oise organise chaque année un concours", "crea60", "chaque année"),
    ("baptisé Créa60", "crea60", "Créa60"),
    ("pour saluer les créations de projets", "crea60", "saluer les créations de projets"),
    (
        "la CCI organise dans les collèges, lycées et établissements de BTS",
        "dessine-moi-un-entrepreneur",
        "collèges, lycées et établissements de BTS",
    ),
    (
        "des heures de rencontres autour du métier de chef d’entreprise",
        "dessine-moi-un-entrepreneur",
        "métier de chef d'entreprise",
    ),
    ("« Dessine-moi un entrepreneur »", "dessine-moi-un-entrepreneur", "Dessine-moi un entrepreneur"),
    ("faire naître l’idée de créer", "dessine-moi-un-entrepreneur", "faire naître l'idée de créer"),
    (
        "au cœur du projet de l’Université de Picardie Jules Verne",
        "crei-upjv",
        "Université de Picardie Jules Verne",
    ),
    (
        "Centre de Ressources pour l’Entrepreneuriat et l’Innovation (CREI)",
        "crei-upjv",
        "Centre de Ressources pour l'Entrepreneuriat et l'Innovation",
    ),
    (
        "valoriser les formations diplômantes en entrepreneuriat",
        "crei-upjv",
        "formations diplômantes en entrepreneuriat",
    ),
    (
        "informer et sensibiliser le plus grand nombre possible d’étudiants",
        "crei-upjv",
        "sensibiliser le plus grand nombre possible d'étudiants",
    ),
    (
        "accompagner les étudiants porteurs de projet de création ou reprise",
        "crei-upjv",
        "étudiants porteurs de projet",
    ),
    ("Cet outil s’accompagne de la mise en œuvre du dispositif PEPITE", "crei-upjv", "dispositif PEPITE"),
    (
        "PEPITE : Pôle Étudiant Picard pour l'Innovation, le Transfert et l'Entrepreneuriat",
        "pepite-picardie",
        "Pôle Étudiant Picard pour l'Innovation, le Transfert et l'Entrepreneuriat",
    ),
    (
        "Dans ce département [l'Aisne], le dispositif PEPITE est aussi à l’action",
        "pepite-picardie",
        "department:02",
    ),
    ("[La Somme] … dispositif PEPITE", "pepite-picardie", "department:80"),
    ("PEPITE fédère 7 sites d’Enseignement supérieur picards", "pepite-picardie", "7 sites"),
    ("ainsi que des collectivités territoriales", "pepite-picardie", "collectivités territoriales"),
    (
        "et des acteurs de la création d’entreprise et de l’innovation",
        "pepite-picardie",
        "acteurs de la création d'entreprise et de l'innovation",
    ),
    ("favoriser le passage à l’acte entrepreneurial", "pepite-picardie", "passage à l'acte entrepreneurial"),
    ("des étudiants et jeunes diplômés désireux d’entreprendre", "pepite-picardie", "les jeunes diplômés"),
    (
        "la prise en compte de la dimension entrepreneuriale par les personnels",
        "pepite-picardie",
        "personnels des établissements d'enseignement supérieur",
    ),
    (
        "Pour le Nord et le Pas-de-Calais, le programme La suite dans les idées",
        "la-suite-dans-les-idees",
        "Nord et du Pas-de-Calais",
    ),
    (
        "développe la culture entrepreneuriale de la population",
        "la-suite-dans-les-idees",
        "culture entrepreneuriale de la population",
    ),
    (
        "création d'activité, projets associatifs, culturels, sportifs, humanitaires",
        "la-suite-dans-les-idees",
        "projets associatifs, culturels, sportifs, humanitaires",
    ),
    (
        "au sein des établissements scolaires (du primaire au supérieur)",
        "la-suite-dans-les-idees",
        "du primaire au supérieur",
    ),
    ("auprès du public féminin", "la-suite-dans-les-idees", "public féminin"),
    (
        "et des jeunes sortis du système éducatif",
        "la-suite-dans-les-idees",
        "jeunes sortis du système éducatif",
    ),
    (
        "portées par une trentaine d'acteurs composant le réseau",
        "la-suite-dans-les-idees",
        "une trentaine d'acteurs",
    ),
    (
        "témoignage de dirigeant, création d'une petite entreprise réelle sur une année scolaire",
        "la-suite-dans-les-idees",
        "petite entreprise réelle sur une année scolaire",
    ),
    (
        "visite d'entreprise, \" serious game \" sur l'entrepreneuriat, conférence, challenge",
        "la-suite-dans-les-idees",
        "serious game",
    ),
]
