import random
import string

from app.db import invitations

INVITE_CODE_LENGTH = 10


def create_invitation(team_id, email):
    invite_code = "".join(random.choices(string.ascii_uppercase + string.digits, k=INVITE_CODE_LENGTH))
    invitations.insert(team_id=team_id, email=email, code=invite_code)
    return invite_code


def pendingInvitations(team_id):
    return invitations.find(team_id=team_id, accepted=False)
