"""Titles of English calls in the layouts of the ninth round (issue 16, ``scripts/title_training_en.py``):
an INGO's vacancy copied from a jobs aggregator, a request for proposals addressed to firms with
its cover letter, terms of reference under a cover page, a call for grant applications from a
fund or an embassy. Every call here is invented; none is taken from a real one."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.fields.title_words import EXPLICIT_TITLE_KEY, MEDIUM_TITLE, STRONG_TITLE, is_generic_header
from nidaa.tor.sections import segment
from nidaa.tor.text import Views, fold
from tests.tor.titles import candidates, title_of


def ranks(text: str) -> dict[str, int]:
    """Each candidate's rule rank (5: a plain line no rule proposed)."""
    views = Views.of(text)
    return {c.text: c.rank for c in title_candidates(Doc(views, segment(views), None))}


# ----- an INGO's vacancy on a jobs aggregator

VACANCY = (
    "ReliefLink Careers\nHome\nJobs\nLog in\nRegister\n\n"
    "Home › Jobs › Jordan › {crumb}\n"
    "{header}\n"
    "Posted 4 days ago\nShare\nLinkedIn\nApply now\n\n"
    "Hiring Organization: Saltmarsh Aid Federation\n"
    "Duty Station: Irbid, Jordan\n"
    "Closing date: 14 March 2027\n"
    "Grade: NO-B\n\n"
    "Background\n"
    "Saltmarsh Aid Federation has supported refugee and host communities in northern Jordan since 2014.\n"
    "The incumbent will report to the Head of Programmes and travel to the field every week.\n\n"
    "Similar jobs\n"
    "Finance Officer – Amman\n"
    "Protection Assistant – Zarqa\n"
)


def test_a_vacancy_under_its_breadcrumb_and_share_buttons_is_read_from_the_header():
    text = VACANCY.format(crumb="Shelter Coordinator", header="Shelter Coordinator (Winterisation)")
    assert title_of(text) == "Shelter Coordinator (Winterisation)"


def test_the_hiring_organization_row_is_no_title():
    text = VACANCY.format(crumb="Shelter Coordinator", header="Shelter Coordinator (Winterisation)")
    assert ranks(text)["Hiring Organization: Saltmarsh Aid Federation"] == 5  # a plain line, no cue rule's
    assert STRONG_TITLE.search(fold("Hiring Organization")) is None
    assert STRONG_TITLE.search(fold("Saltmarsh Aid Federation is hiring a driver")) is not None


def test_a_crumb_the_site_shortened_is_no_candidate():
    text = VACANCY.format(
        crumb="Shelter Coordinator for the winterisation of ten...",
        header="Shelter Coordinator for the winterisation of ten refugee camps",
    )
    assert not any(
        c.startswith("Shelter Coordinator for the winterisation of ten.") for c in candidates(text)
    )
    assert title_of(text) == "Shelter Coordinator for the winterisation of ten refugee camps"


def test_a_post_at_its_organisation_is_the_post():
    text = VACANCY.format(
        crumb="Shelter Coordinator", header="Shelter Coordinator at Saltmarsh Aid Federation"
    )
    assert title_of(text) == "Shelter Coordinator"


def test_a_post_at_a_place_keeps_its_place():
    text = VACANCY.format(crumb="Teacher Trainer", header="Teacher Trainer at Irbid Secondary School")
    assert title_of(text) == "Teacher Trainer at Irbid Secondary School"


def test_log_in_is_a_menu_item_not_a_title_going_on():
    text = "Log in\nHome / Jobs / Lebanon / Water Engineer, NO-C\nWater Engineer, NO-C\nPosted 2 days ago\n"
    assert "Log in Home / Jobs / Lebanon / Water Engineer, NO-C" not in candidates(text)
    assert "Log in" in candidates(text)  # alone, as the menu item it is


def test_a_breadcrumb_is_no_candidate_as_a_whole():
    text = VACANCY.format(crumb="Shelter Coordinator", header="Shelter Coordinator (Winterisation)")
    assert "Home › Jobs › Jordan › Shelter Coordinator" not in candidates(text)
    assert ranks(text)["Shelter Coordinator"] == 1  # its last crumb: a post in two words


def test_the_heading_a_shortened_crumb_begins_is_a_rule_candidate():
    text = VACANCY.format(
        crumb="Field Officer for the cash assistance...",
        header="Field Officer for the cash assistance programme in Mafraq",
    )
    assert ranks(text)["Field Officer for the cash assistance programme in Mafraq"] == 1


def test_similar_jobs_after_the_text_are_no_candidates():
    text = VACANCY.format(crumb="Shelter Coordinator", header="Shelter Coordinator (Winterisation)")
    assert "Finance Officer – Amman" not in candidates(text)
    assert "Protection Assistant – Zarqa" not in candidates(text)


# ----- a request for proposals addressed to firms

RFP = (
    "KESTREL RURAL TRUST\n27 Juniper Lane, Nouakchott, Mauritania\nNouakchott, 2 February 2027\n\n"
    "REQUEST FOR PROPOSALS\n"
    "RFP No.: KRT/PRC/2027/009\n"
    "{object}\n\n"
    "To: Prospective Offerors\n\n"
    "Dear Sir/Madam,\n"
    "Kestrel Rural Trust invites you to submit a proposal for the drilling of four boreholes in the "
    "Trarza region as described in the attached Terms of Reference.\n"
    "Proposals must be received no later than 3 March 2027 at 12:00 local time.\n"
)


@pytest.mark.parametrize("label", ["Subject: ", "Re: ", "Object: ", "Title: "])
def test_a_letters_subject_row_gives_the_object(label):
    text = RFP.format(object=f"{label}Drilling of four boreholes in the Trarza region")
    assert title_of(text) == "Drilling of four boreholes in the Trarza region"


def test_the_object_in_capitals_under_the_number_is_joined_over_two_lines():
    text = RFP.format(object="\nDRILLING OF FOUR BOREHOLES\nIN THE TRARZA REGION")
    assert title_of(text) == "DRILLING OF FOUR BOREHOLES IN THE TRARZA REGION"


def test_the_letterhead_and_the_header_in_capitals_are_not_one_title():
    text = (
        "KESTREL RURAL TRUST\nREQUEST FOR PROPOSALS\nReference No.: KRT/PRC/2027/009\n"
        "Supply of drip irrigation kits to 40 farmer cooperatives\n\n"
        "Dear Sir/Madam,\nYou are invited to submit a sealed bid for the supply of drip irrigation kits.\n"
    )
    assert "KESTREL RURAL TRUST REQUEST FOR PROPOSALS" not in candidates(text)
    assert title_of(text) == "Supply of drip irrigation kits to 40 farmer cooperatives"


# ----- terms of reference under a cover page


def test_tor_alone_over_the_object_in_capitals_on_a_cover():
    text = (
        "LANTERN HOUSE FOR CHILDREN\nWith the support of the Ardent Family Fund\n\n"
        "ToR\n\nENDLINE EVALUATION OF THE SAFE\nSCHOOL ROUTES PROJECT\n\nNovember 2026\n\n"
        "1. Background\nLantern House for Children has run the Safe School Routes project in three districts since 2023.\n"
    )
    assert title_of(text) == "ENDLINE EVALUATION OF THE SAFE SCHOOL ROUTES PROJECT"


def test_terms_of_reference_over_its_for_line():
    text = (
        "Lantern House for Children\nRegional Programme on child safety\n\n"
        "TERMS OF REFERENCE\nfor an endline evaluation of the Safe School Routes project\n\n"
        "Version 2 – 9 November 2026\n\n"
        "1. Background\nLantern House for Children has run the project in three districts since 2023.\n"
    )
    assert title_of(text) == "TERMS OF REFERENCE for an endline evaluation of the Safe School Routes project"


# ----- a call for grant applications from a fund or an embassy

GRANTS = (
    "EMBASSY OF THE REPUBLIC OF VALDORIA IN AMMAN\nCivil Society Fund 2027\n\n"
    "{head}\n"
    "Funding Opportunity Number: VAL-CFP-2027-004\n"
    "Deadline for applications: 30 April 2027\n"
    "Award ceiling: USD 40,000\n\n"
    "The Embassy invites registered non-profit organisations to submit concept notes for projects of up to 12 months.\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "Notice of Funding Opportunity\nFunding Opportunity Title: Safe Spaces for Adolescent Girls",
        "Call for Grant Applications\nSafe Spaces for Adolescent Girls",
        "Request for Applications (RFA)\n\nSAFE SPACES FOR\nADOLESCENT GIRLS",
    ],
)
def test_a_grant_calls_title_under_its_header_or_key(head):
    assert (
        title_of(GRANTS.format(head=head))
        == {
            True: "SAFE SPACES FOR ADOLESCENT GIRLS",
            False: "Safe Spaces for Adolescent Girls",
        }["SAFE" in head]
    )


def test_grant_headers_are_generic_and_the_opportunity_title_is_a_title_key():
    for header in (
        "Call for Grant Applications",
        "Notice of Funding Opportunity",
        "Annual Program Statement",
    ):
        cue = MEDIUM_TITLE.search(fold(header))
        assert cue is not None
        assert is_generic_header(fold(header), cue)
    assert EXPLICIT_TITLE_KEY.match(fold("Funding Opportunity Title"))
    assert EXPLICIT_TITLE_KEY.match(fold("Vacancy Title"))
    assert EXPLICIT_TITLE_KEY.match(fold("Title of the project")) is None


def test_an_embassys_letterhead_is_no_heading_like_title():
    text = "EMBASSY OF THE REPUBLIC OF VALDORIA IN AMMAN\n\nThe Embassy invites registered organisations to apply.\n"
    assert title_of(text) is None


def test_a_two_word_first_line_in_capitals_under_a_grant_header_is_joined():
    text = GRANTS.format(head="Request for Applications (RFA)\n\nLEARNING HUBS\nIN RURAL DISTRICTS")
    assert title_of(text) == "LEARNING HUBS IN RURAL DISTRICTS"
    text = GRANTS.format(head="Request for Applications (RFA)\n\nDIGITAL LEARNING\nHUBS FOR RURAL DISTRICTS")
    assert title_of(text) == "DIGITAL LEARNING HUBS FOR RURAL DISTRICTS"


def test_a_funders_name_ending_on_its_kind_is_no_heading_like_top_line():
    text = (
        "Juniper Community Fund\n\nSeed Grants for Women-led Cooperatives\nPosted 3 March 2027\n"
        "Award ceiling: USD 15,000\nDeadline for applications: 30 April 2027\n\n"
        "The Juniper Community Fund invites registered cooperatives to submit a short proposal.\n"
    )
    assert ranks(text)["Juniper Community Fund"] == 5
    assert ranks(text)["Seed Grants for Women-led Cooperatives"] == 4


def test_a_breadcrumb_under_a_header_is_not_proposed_as_its_next_line():
    text = (
        "Civic Directory\n\nCALL FOR APPLICATIONS\nHome > Directory > Lantern House for Children\n\n"
        "Lantern House for Children\nType: Local NGO\n\n"
        "Vacancy: Child Protection Officer\nLocation: Irbid\n"
    )
    assert "Home > Directory > Lantern House for Children" not in candidates(text)


@pytest.mark.parametrize("key", ["Position", "Post", "Poste"])
def test_a_post_keys_label_is_not_part_of_the_title(key):
    text = f"Saltmarsh Aid Federation\nJob offer\n{key}: Accountant\nLocation: Amman\nContract: 12 months\n"
    assert f"{key}: Accountant" not in candidates(text)
    assert title_of(text) == "Accountant"


def test_a_header_in_capitals_opens_no_block_with_the_title_below_it():
    text = GRANTS.format(head="CALL FOR PROPOSALS\nSUPPORT TO WOMEN'S COOPERATIVES\nWORKING ON ARGAN OIL")
    assert "CALL FOR PROPOSALS SUPPORT TO WOMEN'S COOPERATIVES WORKING ON ARGAN OIL" not in candidates(text)
    assert title_of(text) == "SUPPORT TO WOMEN'S COOPERATIVES WORKING ON ARGAN OIL"
