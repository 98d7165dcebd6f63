help-for-whom =
    <b>Ask for help</b>
    You do not need to give your name. Who needs help?
help-for-self = I do
help-for-other = A relative or a friend
help-urgency = How urgent is it?
help-urgency-danger = Someone is in danger now
help-urgency-soon = Help is needed soon
help-urgency-question = I have a question
help-danger =
    <b>If someone is in danger now</b>, call the emergency number if you can:
    • 112 in any EU country (free, from any phone);
    • 102 for the police in Ukraine;
    • elsewhere, the local emergency number.
    Then you can also send a request to the hotline team here.
    <i>Sources: European Commission, 2022 (112); Tulchyn community council (local government, Ukraine), 17.06.2025 (102).</i>
help-continue = Send a request to the hotline team
help-consent =
    I will pass your answers to a consultant of the hotline team.
    They will not see your name, username or phone number.
    Do you agree?
help-consent-yes = Yes, pass it on
help-consent-no = No, not now
help-recorded =
    Thank you. Your request is saved and the hotline team will see it, without your name or phone number.
    You can close this chat; your place is kept.
help-danger-button = Emergency numbers
help-declined = Nothing was sent. You can come back to this at any time.
help-again = I changed my mind
