"""The sentences quoted in issue 7 (« Real people, real answers ») are not training examples.

They are examples of classes of failure, and other conversations check the fixes: the training
data must teach each class, not contain the sentence. Compared after folding case, accents and
punctuation (`knowledge.text.fold`), against every NLU file of data/.
"""

from __future__ import annotations

import pytest

from knowledge.text import fold
from tests.support.training_data import training

QUOTED = [
    "je veux ouvrir un restaurant a lille",
    "jsuis agriculteur dans l'aisne",
    "vente directe a la ferme",
    "reprendre un restaurant a calais",
    "créer une entreprise sur la côte d'Opale",
    "en master à Lille",
    "M2 à l'IAE",
    "en 3e à Noyon, on doit faire un projet sur les entreprises",
    "19 ans, j'ai arrêté le lycée",
    "prof à l'université",
    "au RSA",
    "j'ai déjà une entreprise et je veux embaucher",
    "retraité",
    "on veut créer une asso culturelle a amiens",
    "métropole lilloise",
    "MEL",
    "Boulonnais",
    "Valenciennois",
    "Calaisis",
    "côte d'Opale",
    "Thiérache",
    "Pays de Bray",
    "Dunkirk",
    "j'habite a guise",
    "c'est quoi pepite",
    "jsuis pas etudiant moi",
    "il fait quel temps a lille demain",
    "c'est pour moi ?",
    "différence entre BGE et Initiative",
    "l'ARCE et l'ACRE c'est cumulable ?",
    "ya des aides ?",
    "y a un pepite a Lille ?",
    "il y a un prix ?",
    "What's the student entrepreneur status?",
    "j'habite à Lille et je veux entreprendre",
    "entreprendre",
    "me lancer",
    "monter ma boîte",
    "ARCE et ACRE cumulables ?",
]


def test_quotes_are_folded_like_training_examples() -> None:
    assert fold("Côte d'Opale !") == fold("cote d opale")


@pytest.mark.parametrize("quote", QUOTED)
def test_quoted_sentence_is_not_a_training_example(quote: str) -> None:
    _, folded_examples, _ = training()
    assert folded_examples, "no training example read from data/"
    assert fold(quote) not in folded_examples, f"«{quote}» is in the training data: teach its class instead"
