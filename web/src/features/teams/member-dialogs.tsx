import { useState } from 'react';
import { Button, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import {
  useChangeMember,
  useLeave,
  useRemoveMember,
  type TeamKind,
  type TeamMember,
} from '../../api/teams';
import { formErrors } from '../../components/form-errors';
import { ReasonDialog } from '../../components/reason-dialog';
import { roleLabel } from '../shared/role-label';
import { fromLocalInput, localInputIn, toLocalInput } from './expiry';
import type { MemberAction } from './member-row';
import { RoleSelect } from './role-select';
import { explainLastAdmin, teamWords } from './team-words';

interface DialogProps {
  kind: TeamKind;
  id: string;
  member: TeamMember;
  onClose: () => void;
}

/** The confirmation of one action on a member, with an optional reason for the audit log. */
export function MemberDialog({
  action,
  scopeName,
  ...props
}: DialogProps & { action: MemberAction; scopeName: string }) {
  switch (action) {
    case 'role':
      return <ChangeRoleDialog {...props} />;
    case 'expiry':
      return <EndDateDialog {...props} />;
    case 'remove':
      return <RemoveDialog {...props} />;
    case 'leave':
      return <LeaveDialog {...props} scopeName={scopeName} />;
  }
}

function ChangeRoleDialog({ kind, id, member, onClose }: DialogProps) {
  const [role, setRole] = useState(member.can.changeTo[0] ?? '');
  const change = useChangeMember(kind, id);
  const { fieldError, showAlert } = formErrors(change.error, ['role']);
  return (
    <ReasonDialog
      title={`Change the role of ${member.name}?`}
      explanation={`${member.name} is ${roleLabel(member.role)} now. The new role counts at once, with the same end date; they are told by email.`}
      confirmLabel="Change role"
      pending={change.isPending}
      error={showAlert ? explainLastAdmin(change.error, kind, member.name) : null}
      onConfirm={(reason) =>
        change.mutate(
          { userId: member.userId, role, expiresAt: member.expiresAt, reason },
          { onSuccess: onClose },
        )
      }
      onClose={onClose}
    >
      <RoleSelect
        label="New role"
        roles={member.can.changeTo}
        value={role}
        onChange={setRole}
        error={fieldError('role')}
      />
    </ReasonDialog>
  );
}

function EndDateDialog({ kind, id, member, onClose }: DialogProps) {
  const [until, setUntil] = useState(toLocalInput(member.expiresAt));
  const change = useChangeMember(kind, id);
  const { fieldError, showAlert } = formErrors(change.error, ['expiresAt']);
  return (
    <ReasonDialog
      title={`When does the role of ${member.name} end?`}
      explanation={`${member.name} stays ${roleLabel(member.role)} until then, and loses the role by itself at that moment. Leave it empty for no end date.`}
      confirmLabel={until ? 'Save end date' : 'Keep with no end date'}
      pending={change.isPending}
      error={showAlert ? explainLastAdmin(change.error, kind, member.name) : null}
      onConfirm={(reason) =>
        change.mutate(
          { userId: member.userId, role: member.role, expiresAt: fromLocalInput(until), reason },
          { onSuccess: onClose },
        )
      }
      onClose={onClose}
    >
      <TextInput
        type="datetime-local"
        label="Role ends"
        description="In your own time zone. Empty: no end date."
        value={until}
        min={localInputIn(0)}
        onChange={(e) => setUntil(e.currentTarget.value)}
        error={fieldError('expiresAt')}
      />
      {until ? (
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => setUntil('')}>
            Clear the end date
          </Button>
        </div>
      ) : null}
    </ReasonDialog>
  );
}

function RemoveDialog({ kind, id, member, onClose }: DialogProps) {
  const remove = useRemoveMember(kind, id);
  return (
    <ReasonDialog
      title={`Remove ${member.name} from the team?`}
      explanation={`Their role here ends at once, with everything it lets them see and do; they are told by email.${kind === 'event' ? ' Reports they wrote stay theirs.' : ''}`}
      confirmLabel="Remove"
      danger
      pending={remove.isPending}
      error={explainLastAdmin(remove.error, kind, member.name)}
      onConfirm={(reason) =>
        remove.mutate({ userId: member.userId, reason }, { onSuccess: onClose })
      }
      onClose={onClose}
    />
  );
}

/** Leaving an event or organization oneself, confirmed, with an optional reason. */
export function LeaveDialog({
  kind,
  id,
  scopeName,
  onClose,
}: Omit<DialogProps, 'member'> & { scopeName: string }) {
  const navigate = useNavigate();
  const { scope } = teamWords[kind];
  // The page may be closed to the person afterwards: they leave for home, told what happened.
  const leave = useLeave(kind, id, () =>
    navigate('/', { state: { notice: `You left ${scopeName}.` } }),
  );
  return (
    <ReasonDialog
      title={`Leave ${scopeName}?`}
      explanation={`Your role in this ${scope} ends at once, with everything it lets you see and do.${kind === 'event' ? ' Reports you wrote stay yours.' : ''} To come back, someone here adds or invites you again.`}
      confirmLabel={`Leave this ${scope}`}
      danger
      pending={leave.isPending}
      error={explainLastAdmin(leave.error, kind, 'you')}
      onConfirm={(reason) => leave.mutate(reason)}
      onClose={onClose}
    />
  );
}
