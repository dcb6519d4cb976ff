"""Places of the mission written the ways calls write them, in French, English and Arabic:
calls abroad (the gazetteer knows only Morocco), trips, cities named by a cue word, the
announcing body's city; and what is not a place of the mission (countries, exam and interview
centres, head offices, addresses)."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields
from nidaa.tor.fields.locations import is_country

ABROAD = [
    ("Lieu de la mission : Nouakchott, Mauritanie\n", ["Nouakchott"]),
    ("Location: Beirut, Lebanon\nContract: 3 months\n", ["Beirut"]),
    ("Job title: Finance Officer\nDuty Station: Gaziantep, Türkiye\n", ["Gaziantep"]),
    (
        "Les formations se dérouleront en Tunisie, dans les gouvernorats de Sfax et Gabès.\n",
        ["Sfax", "Gabès"],
    ),
    ("L'atelier se tiendra au Sénégal, à Dakar, du 3 au 5 juin 2025.\n", ["Dakar"]),
    ("The training will take place in Tripoli, North Lebanon.\n", ["Tripoli"]),
    ("The assignment covers three districts: Akkar, Baalbek and Hermel.\n", ["Akkar", "Baalbek", "Hermel"]),
    ("The workshops will take place in the Beqaa and Akkar governorates.\n", ["Beqaa", "Akkar"]),
    ("Zone d'intervention : gouvernorats de Jendouba, Kef et Siliana\n", ["Jendouba", "Kef", "Siliana"]),
    ("La mission se déroulera dans la wilaya du Brakna.\n", ["Brakna"]),
    ("Lieu d'exécution : Nouakchott et Rosso (Mauritanie)\n", ["Nouakchott", "Rosso"]),
    ("ستنظم الدورات التكوينية بمدينة صفاقس بتونس.\n", ["صفاقس"]),
    ("مكان العمل : نواكشوط - موريتانيا\n", ["نواكشوط"]),
]

TRIPS = [
    (
        "The consultant will be based in Amman, Jordan, with field visits to Irbid and Mafraq.\n",
        ["Amman", "Irbid", "Mafraq"],
    ),
    ("The consultancy is home-based with one trip to Tunis.\n", ["Tunis"]),
    ("Location: Home-based with travel to Beirut and Saida\n", ["Beirut", "Saida"]),
    ("La consultation se fera à distance, avec une mission de terrain à Ouarzazate.\n", ["Ouarzazate"]),
]

ARABIC_NOTICES = [
    ("إعلان\nتعلن جمعية الأمل عن حاجتها إلى مكون لتأطير دورات تكوينية بمدينة وجدة.\n", ["وجدة"]),
    ("تعلن جامعة ابن زهر بأكادير عن تنظيم مباراة لتوظيف تقنيين.\n", ["أكادير"]),
    ("يعلن المجلس الجماعي لمدينة آسفي عن فتح باب الترشيح لشغل منصب رئيس قسم.\n", ["آسفي"]),
    ("يعلن رئيس المجلس الإقليمي للرشيدية عن فتح باب الترشيح.\n", ["الرشيدية"]),
    ("ستجرى المباراة بمركز الامتحان بالرباط.\nمقر التعيين: أكادير\n", ["أكادير"]),
    ("تنظم الدورة التكوينية بمدينة طنجة لفائدة 30 مستفيدا.\n", ["طنجة"]),
    (
        "إعلان عن مباراة\nتعلن وزارة الصحة عن تنظيم مباراة. توزيع المناصب: جهة الشرق 5، جهة سوس ماسة 3\n",
        ["الشرق", "سوس ماسة"],
    ),
]

LABELS = [
    ("Poste : Coordinateur de projet\nLieu du poste : Agadir\nType de contrat : CDD\n", ["Agadir"]),
    ("Localisation : Marrakech\n", ["Marrakech"]),
    ("Place of performance: Fez, Morocco\n", ["Fez"]),
    (
        "Les ateliers auront lieu dans les communes rurales d'Imilchil et d'Amellago.\n",
        ["Imilchil", "Amellago"],
    ),
]

NOT_MISSION_PLACES = [
    (
        "Concours de recrutement de 20 techniciens\nLes épreuves se dérouleront à Rabat, Casablanca et Fès.\n",
        [],
    ),
    (
        "إعلان عن مباراة لتوظيف 15 تقنيا\nستجرى الاختبارات الكتابية بالمراكز التالية: الرباط، فاس، مراكش.\n",
        [],
    ),
    ("ستجرى الاختبارات الكتابية بمدينة الرباط يوم 12 ماي 2025.\n", []),
    ("المقر الرئيسي للجمعية: 22 شارع محمد الخامس، فاس\n", []),
    (
        "Appel d'offres\nL'Association Atlas, sise à Marrakech, 10 rue des Orangers, lance un appel d'offres "
        "pour la réalisation d'une étude.\n",
        [],
    ),
    (
        "Les offres doivent être déposées au siège de la Province de Taourirt.\nObjet : formation des élus\n",
        [],
    ),
    ("Adresse : BP 123, Nouakchott\nObjet : recrutement d'un consultant\n", []),
    ("Lieu : à distance (en ligne)\n", []),
    ("Location: Remote / home-based\n", []),
    (
        "Recrutement d'un(e) chargé(e) de communication\nLieu d'affectation : Fès\nLes entretiens auront lieu à Rabat.\n",
        ["Fès"],
    ),
    (
        "Contexte\nFondée en 1998 à Casablanca, l'association œuvre pour l'éducation.\n"
        "Objet : formation de 20 animateurs à Settat.\n",
        ["Settat"],
    ),
    (
        "Terms of Reference\nThe Foundation, headquartered in Amman, seeks a consultant.\nThe training will be held in Zarqa.\n",
        ["Zarqa"],
    ),
    (
        "Le dossier est à déposer au siège de l'association à Casablanca, 12 rue X.\nLa formation aura lieu à Errachidia.\n",
        ["Errachidia"],
    ),
]


LAYOUTS = [
    # tatweel stretches Arabic words in notices; the text keeps it, the cue words still match
    ("إعلان\nتعلن الجمعية عن تنظيم دورات تكوينية بمدينـــة الربـــاط لفائدة الشباب.\n", ["الربـــاط"]),
    ("مقــر العمــل : مراكــش\n", ["مراكــش"]),
    # PDF transcripts break lines inside a sentence
    ("The workshops will take place in\nRabat and Casablanca over two days.\n", ["Rabat", "Casablanca"]),
    ("Les sessions de formation auront lieu\nà Oujda et à Berkane.\n", ["Oujda", "Berkane"]),
    (
        "1. Intitulé : Formation des formateurs\n2. Lieu de la formation : Sousse, Tunisie\n3. Durée : 5 jours\n",
        ["Sousse"],
    ),
    # a table of posts with a place column (tabs or pipes)
    ("المنصب\tالعدد\tمكان التعيين\nتقني\t3\tالرباط\nمتصرف\t2\tفاس\n", ["الرباط", "فاس"]),
    ("المنصب | العدد | مقر العمل\nتقني | 3 | الرباط\nمتصرف | 2 | فاس\n", ["الرباط", "فاس"]),
    ("Poste\tNombre\tLieu d'affectation\nTechnicien\t3\tRabat\nAdministrateur\t2\tFès\n", ["Rabat", "Fès"]),
    ("Recrutement d'un chargé de projet\nLieu d'affectation\nRabat\nDurée\n6 mois\n", ["Rabat"]),
    ("Location: Lebanon - Beqaa\n", ["Beqaa"]),
    ("Location: Zahle, Bekaa, Lebanon\n", ["Zahle", "Bekaa"]),
    # the announcing body's place, when nothing else says where
    ("Recrutement\nLa Délégation provinciale de Settat recrute un agent.\n", ["Settat"]),
    ("Réseau Intégrité Maroc recrute un(e) coordinateur(trice) de projet basé(e) à Rabat.\n", ["Rabat"]),
    ("تعلن المندوبية الإقليمية للشؤون الإسلامية بتطوان عن تنظيم مباراة\n", ["تطوان"]),
    (
        "إعلان عن مباراة لتوظيف أعوان\nالمنصب: متصرف من الدرجة الثالثة\nعدد المناصب: 5\n"
        "آخر أجل لإيداع الترشيحات: 20 يناير 2026\n",
        [],
    ),
]


WORK_AND_SIGNATURES = [
    # the verbs of the work itself, not only of events
    ("Le/la coordinateur(trice) sera basé(e) à Rabat.\n", ["Rabat"]),
    ("La formation se déroulera au siège de l'association à Agadir.\n", ["Agadir"]),
    ("The mentoring sessions will be delivered in Rabat and Tangier.\n", ["Rabat", "Tangier"]),
    ("L'évaluation sera menée à Khouribga et Oued Zem.\n", ["Khouribga", "Oued Zem"]),
    ("The assessment will be conducted in Zarqa and Irbid governorates.\n", ["Zarqa", "Irbid"]),
    ("ستقام الدورة التكوينية بمراكش\n", ["مراكش"]),
    ("تتم المهمة بإقليم تاونات\n", ["تاونات"]),
    ("Le projet couvre les régions de l'Oriental et de Fès-Meknès.\n", ["Oriental", "Fès-Meknès"]),
    ("Lieu de la formation : Hôtel Atlas, avenue Hassan II, Meknès\n", ["Meknès"]),
    (
        "Les candidats retenus seront convoqués à un entretien à Rabat.\nLa mission se déroulera à Tinghir.\n",
        ["Tinghir"],
    ),
    # where a form or a letter was signed, a dateline, a letterhead
    (
        "CAHIER DES PRESCRIPTIONS SPECIALES\nLieu d'exécution : ..............................\n"
        "Fait à Rabat, le ....................\n",
        [],
    ),
    ("Objet : formation du personnel\nFait à Rabat, le 12 mars 2025\nLe Directeur\n", []),
    ("Rabat, le 12 mars 2025\nObjet : appel à manifestation d'intérêt pour une formation\n", []),
    ("الرباط في 12 مارس 2025\nالموضوع: إعلان عن مباراة\n", []),
    (
        "ROYAUME DU MAROC\nMINISTERE DES AFFAIRES ETRANGERES\nRabat\nAppel d'offres ouvert n° 12/2025\n"
        "Objet : formation du personnel en trois lots\n",
        [],
    ),
    # a table of the units the posts belong to: the places in its cells
    (
        "المندوبية\tعدد المناصب\nالمندوبية الإقليمية بالرباط\t5\nالمندوبية الجهوية بفاس\t3\n",
        ["الرباط", "فاس"],
    ),
    ("الجهة | العدد\nجهة الرباط سلا القنيطرة | 4\nجهة الشرق | 2\n", ["الرباط سلا القنيطرة", "الشرق"]),
]


COMPETITIONS_AND_POSTS = [
    # a competition's notice: exam places, deposit addresses and units name no place of the work
    (
        "إعلان عن مباراة لتوظيف متصرفين من الدرجة الثالثة\nالإدارة المنظمة | المندوبية السامية للتخطيط\n"
        "عدد المناصب | 13\nآخر أجل لإيداع الترشيحات | 20 يناير 2026\nتاريخ المباراة | 8 فبراير 2026\n"
        "تعلن المندوبية السامية للتخطيط عن تنظيم مباراة لتوظيف 13 متصرفا. ستجرى المباراة يوم 8 فبراير 2026 بالرباط.\n"
        "ترسل ملفات الترشيح إلى مقر المندوبية الكائن ب 3 زنقة المعتمد بن عباد، الرباط.\n",
        [],
    ),
    (
        "تعلن وزارة الأوقاف والشؤون الإسلامية عن تنظيم مباراة لتوظيف 138 إطارا\nالدرجة | التخصص | عدد المناصب\n"
        "متصرف | قانون | 20\nتقني | إعلاميات | 10\nيودع ملف الترشيح بالمندوبيات الجهوية للشؤون الإسلامية.\n",
        [],
    ),
    (
        "تعلن جماعة أكادير عن تنظيم مباراة لتوظيف تقنيين من الدرجة الثالثة.\nستجرى الاختبارات الكتابية بمقر الجماعة.\n",
        ["أكادير"],
    ),
    # where the post works wins over where the announcing body sits
    (
        "إعلان عن توظيف\nتعلن جمعية التنمية المحلية بورزازات عن حاجتها لمنشط(ة) للعمل بدار الطالبة بتنغير.\n",
        ["تنغير"],
    ),
    # a work-place label whose value is the organisation's seat: the seat's city
    (
        "Réseau Intégrité Maroc recrute un(e) coordinateur(trice) de projet\n"
        "Lieu de travail : Siège de Réseau Intégrité Maroc, Rabat\nType de contrat : CDD d'un an\n",
        ["Rabat"],
    ),
    (
        "Request for proposals: technical mentoring\nThe project seeks a consultant to provide technical\n"
        "mentoring to civil society organisations in Casablanca, Rabat and\nMarrakech.\n",
        ["Casablanca", "Rabat", "Marrakech"],
    ),
]


# An administration's letterhead: its upper levels (the region, the province) only situate the body that
# issues, whose own line names the place; other labels and an area named before its division word.
LETTERHEADS_AND_MORE_LABELS = [
    (
        "المملكة المغربية\nوزارة الداخلية\nعمالة إقليم الحوز\nجماعة أمزميز\n\nإعلان عن طلب عروض\n"
        "يعلن رئيس الجماعة عن فتح باب الترشيح لانتقاء مكتب دراسات.\n",
        ["أمزميز"],
    ),
    (
        "ROYAUME DU MAROC\nMINISTERE DE L'INTERIEUR\nREGION DE L'ORIENTAL\nPROVINCE DE BERKANE\n\n"
        "Avis d'appel d'offres\nObjet : formation des élus.\n",
        ["BERKANE"],
    ),
    ("Job: Trainer\nEmployer: Fondation Amlal\nWorkplace: Casablanca\n", ["Casablanca"]),
    ("Poste : formateur\nSite de la mission : Kasserine\n", ["Kasserine"]),
    ("We are hiring a consultant to train teachers in Irbid governorate.\n", ["Irbid"]),
    # an office's name holds the place: the place, not the office
    ("Recrutement d'un formateur\nLieu d'affectation : Délégation provinciale de Khouribga\n", ["Khouribga"]),
    ("المنصب: تقني\nمقر العمل: المديرية الإقليمية بالحسيمة\n", ["الحسيمة"]),
    # trips with an adjective between
    (
        "Le consultant sera basé à Rabat avec des déplacements fréquents à Errachidia et Midelt.\n",
        ["Rabat", "Errachidia", "Midelt"],
    ),
    # the spellings Arabic notices use beside the official one
    ("مقر العمل: تزنيت\n", ["تزنيت"]),
    ("ستنظم الدورات التكوينية بإقليم فكيك.\n", ["فكيك"]),
    ("نرحب بالأيادي البيضاء. ستنظم الدورات بمدينة البيضاء.\n", ["البيضاء"]),
    # a place inside the announcing organisation's name is not where the body sits
    ("L'Association Tanger Solidarité recrute un consultant pour son plan stratégique.\n", []),
    ("تعلن جمعية طنجة للتضامن عن حاجتها لمكون.\n", []),
    ("يعلن رئيس جماعة أمزميز عن فتح باب الترشيح لانتقاء مكون.\n", ["أمزميز"]),
]


@pytest.mark.parametrize(
    ("text", "locations"),
    LETTERHEADS_AND_MORE_LABELS
    + COMPETITIONS_AND_POSTS
    + WORK_AND_SIGNATURES
    + ABROAD
    + TRIPS
    + ARABIC_NOTICES
    + LABELS
    + NOT_MISSION_PLACES
    + LAYOUTS,
)
def test_places_of_the_mission(text, locations):
    assert extract_fields(text)["locations"] == locations


def test_each_place_keeps_its_evidence_and_a_confidence():
    text = "Lieu de la mission : Nouakchott, Mauritanie\nDurée : 20 jours\n"
    fields = extract_fields(text)
    assert fields["locations"] == ["Nouakchott"]
    assert [text[e["start"] : e["end"]] for e in fields["evidence"]["locations"]] == ["Nouakchott"]
    assert fields["confidence"]["locations"] == 0.85


@pytest.mark.parametrize(
    ("text", "confidence"),
    [
        ("Lieu de la mission : Nouakchott\n", 0.85),  # a labelled value
        ("The consultant will be based in Amman.\n", 0.75),  # a sentence placing the work
        ("The assignment covers three districts: Akkar, Baalbek and Hermel.\n", 0.65),  # an enumeration
        ("تعلن جامعة ابن زهر بأكادير عن تنظيم مباراة لتوظيف تقنيين.\n", 0.5),  # the announcing body's city
    ],
)
def test_the_confidence_says_how_the_place_was_found(text, confidence):
    # below 0.6 the review page lists the field among those the issuer checks first
    assert extract_fields(text)["confidence"]["locations"] == confidence


def test_a_place_abroad_has_no_territory_code():
    assert extract_fields("Location: Beirut, Lebanon\n")["location_codes"] == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("مقر العمل: تزنيت\n", "MA-TIZ"),
        ("ستنظم الدورات بمدينة وارزازات.\n", "MA-OUA"),
        ("ستنظم الدورات بإقليم فكيك.\n", "MA-FIG"),
        ("ستنظم الدورات بمدينة الراشيدية.\n", "MA-ERR"),
        ("ستنظم الدورات بمدينة الطنطان.\n", "MA-TNT"),
        ("ستنظم الدورات بمدينة البيضاء.\n", "MA-CAS"),
    ],
)
def test_arabic_spelling_variants_are_linked_to_their_territory(text, code):
    assert extract_fields(text)["location_codes"] == [code]


def test_a_moroccan_city_named_by_a_cue_word_is_linked_to_its_territory():
    fields = extract_fields("تنظم الدورة التكوينية بمدينة طنجة لفائدة 30 مستفيدا.\n")
    assert fields["location_codes"] == ["MA-TNG-TANGER"]


@pytest.mark.parametrize("name", ["Tunisie", "the Lebanon", "بتونس", "الأردن", "North Lebanon", "Mauritania"])
def test_countries_are_recognised(name):
    assert is_country(name)


@pytest.mark.parametrize("name", ["Tunis", "Nouakchott", "طنجة", "Beqaa"])
def test_cities_are_not_countries(name):
    assert not is_country(name)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lieu de la mission : Warzazat\n", "MA-OUA"),
        ("Lieu : Goulmime\n", "MA-GUE"),
        ("Lieu de travail : El Ayoun\n", "MA-LAA"),
        ("Location: Tizinit, Morocco\n", "MA-TIZ"),
        ("The workshops will take place in El Aaiun.\n", "MA-LAA"),
        ("Lieu : Alhucemas\n", "MA-HOC"),
        ("Duty station: Fez-Meknes region\n", "MA-03"),
        ("La mission se déroulera à Marrakch.\n", "MA-MAR"),
        ("Lieu : Casa\n", "MA-CAS"),
        ("Les ateliers auront lieu dans la ville de Casa.\n", "MA-CAS-CASABLANCA"),
    ],
)
def test_latin_transliterations_are_linked_to_their_territory(text, code):
    """The French, English and Spanish spellings calls use for Morocco's provinces and big cities."""
    assert extract_fields(text)["location_codes"] == [code]


def test_casa_without_a_cue_is_a_word_not_casablanca():
    """'Casa' is also a word ('Casa de la Cultura'): only a label or a cue word makes it Casablanca."""
    fields = extract_fields("La Casa del Arte accueillera les participants.\nLieu de la mission : Rabat\n")
    assert fields["location_codes"] == ["MA-RAB"]


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        (
            "Lieu : Casablanca (siège) et sites de terrain à Settat et Berrechid\n",
            ["Casablanca", "Settat", "Berrechid"],
        ),
        (
            "Lieu de la mission : Tunis (siège) et missions de terrain à Sfax et Gabès\n",
            ["Tunis", "Sfax", "Gabès"],
        ),
        ("Location: Amman, with field visits to Irbid and Mafraq\n", ["Amman", "Irbid", "Mafraq"]),
        # an exam's place in the list is not a place of the mission
        ("Lieu : Rabat, avec des épreuves écrites organisées à Fès\n", ["Rabat"]),
    ],
)
def test_each_place_of_a_labelled_list(text, locations):
    """A place label's value listing places inside phrases gives each place, not only the first name."""
    assert extract_fields(text)["locations"] == locations
