"""The permissions the case pages check (views check permissions, never role names; cases.roles gives them to the
role groups)."""
HANDLE_CASE = "cases.handle_enforcementcase"
ADD_CASE = "cases.add_enforcementcase"
ADD_LITIGATION = "cases.add_litigationcase"
CHANGE_LITIGATION = "cases.change_litigationcase"
ADD_PARTY = "cases.add_party"
ADD_URGING = "cases.add_urging"
APPROVE_TERMINATION = "cases.approve_termination"
