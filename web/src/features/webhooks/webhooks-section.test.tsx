import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Webhook } from '../../api/webhooks';
import { eventDetails } from '../../test/event-fixtures';
import { member, signedInRoutes } from '../../test/fixtures';
import { apiError, fakeApi, renderAt } from '../../test/render';

const admin = { update: true, updateSettings: true };
const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

const aWebhook = (over: Partial<Webhook> = {}): Webhook => ({
  id: 'wh-1',
  format: 'slack',
  url: 'https://hooks.slack.com/services/T0/B0/xyz',
  description: 'CoC channel',
  enabled: true,
  signed: false,
  createdAt: '2026-05-01T10:00:00.000Z',
  deliveries: [],
  ...over,
});

/** The settings page's routes, with the webhooks list read from `state` on every request. */
function routes(state: { items: Webhook[] }) {
  return {
    ...signedInRoutes(member),
    'GET /api/events/ev-1': { status: 200, body: { event: eventDetails({}, admin) } },
    'GET /api/events/ev-1/webhooks': () => ({ status: 200, body: { items: state.items } }),
  };
}

/** Opens the event's settings page and finds the section. */
const section = async () => {
  renderAt('/events/ev-1/settings');
  return screen.findByRole('region', { name: 'Webhooks' });
};

describe('the webhooks section of the event settings', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists webhooks with their latest delivery', async () => {
    fakeApi(
      routes({
        items: [
          aWebhook({
            deliveries: [
              {
                id: 'd-2',
                kind: 'report.submitted',
                status: 'failed',
                attempts: 10,
                lastStatus: 500,
                lastError: 'HTTP 500 Internal Server Error',
                createdAt: '2026-05-02T10:00:00.000Z',
                deliveredAt: null,
                nextAttemptAt: null,
              },
              {
                id: 'd-1',
                kind: 'webhook.test',
                status: 'delivered',
                attempts: 1,
                lastStatus: 200,
                lastError: null,
                createdAt: '2026-05-01T10:00:00.000Z',
                deliveredAt: '2026-05-01T10:00:01.000Z',
                nextAttemptAt: null,
              },
            ],
          }),
          aWebhook({ id: 'wh-2', format: 'discord', description: '', enabled: false }),
        ],
      }),
    );
    const region = await section();
    const first = await within(region).findByRole('article', { name: 'CoC channel' });
    expect(within(first).getByText(/hooks\.slack\.com/)).toBeTruthy();
    expect(within(first).getByText('Failed')).toBeTruthy();
    expect(within(first).getByText(/HTTP 500 Internal Server Error, 10 attempts/)).toBeTruthy();
    expect(within(first).getByText('Delivered')).toBeTruthy();
    const second = within(region).getByRole('article', { name: 'Discord webhook' });
    expect(within(second).getByText('Nothing sent yet.')).toBeTruthy();
    expect((within(second).getByRole('switch') as HTMLInputElement).checked).toBe(false);
    expect(
      (within(second).getByRole('button', { name: 'Send a test' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('adds a generic webhook and shows its signing secret once, to copy', async () => {
    const state = { items: [] as Webhook[] };
    let attempt = 0;
    const calls = fakeApi({
      ...routes(state),
      'POST /api/events/ev-1/webhooks': (body) => {
        if (++attempt === 1) {
          return {
            status: 400,
            body: apiError('validation_failed', 'This address cannot receive webhooks.', [
              {
                field: 'body.url',
                message: 'This address is on a private network; use a public https:// address',
              },
            ]),
          };
        }
        const created = aWebhook({ ...(body as Partial<Webhook>), id: 'wh-9', signed: true });
        state.items = [created];
        return { status: 201, body: { webhook: created, secret: SECRET } };
      },
    });
    const user = userEvent.setup();
    const region = await section();
    expect(await within(region).findByText('No webhooks yet.')).toBeTruthy();
    const form = within(region).getByRole('form', { name: 'Add a webhook' });
    const kinds = within(form).getByRole('radiogroup', { name: 'Kind of webhook' });
    expect(within(form).getByText(/Incoming Webhooks app/)).toBeTruthy();
    await user.click(within(kinds).getByRole('radio', { name: 'Generic JSON' }));
    expect(within(form).getByText(/signed with a secret/)).toBeTruthy();
    const address = within(form).getByRole('textbox', { name: /Webhook address/ });
    await user.type(address, 'https://10.0.0.5/hook');
    await user.type(within(form).getByRole('textbox', { name: /Description/ }), 'Pager');
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    expect(await within(form).findByText(/on a private network/)).toBeTruthy();
    expect(within(form).queryByRole('alert')).toBeNull();

    await user.clear(address);
    await user.type(address, 'https://pager.example.org/steward');
    await user.click(within(form).getByRole('button', { name: 'Add webhook' }));
    const shown = await within(region).findByRole('status', { name: /signing secret/ });
    expect(
      (within(shown).getByRole('textbox', { name: 'Signing secret' }) as HTMLInputElement).value,
    ).toBe(SECRET);
    expect(within(shown).getByText(/it will not be shown again/)).toBeTruthy();
    expect(within(shown).getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(calls.filter((c) => c.key === 'POST /api/events/ev-1/webhooks').at(-1)?.body).toEqual({
      format: 'generic',
      url: 'https://pager.example.org/steward',
      description: 'Pager',
    });
    expect(await within(region).findByRole('article', { name: 'Pager' })).toBeTruthy();

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull());
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
  });

  it('switches a webhook off, sends a test, and removes it with a reason', async () => {
    const state = { items: [aWebhook()] };
    const calls = fakeApi({
      ...routes(state),
      'PATCH /api/events/ev-1/webhooks/wh-1': (body) => {
        state.items = [aWebhook(body as Partial<Webhook>)];
        return { status: 200, body: { webhook: state.items[0] } };
      },
      'POST /api/events/ev-1/webhooks/wh-1/test': () => {
        state.items = [
          aWebhook({
            ...state.items[0],
            deliveries: [
              {
                id: 'd-1',
                kind: 'webhook.test',
                status: 'delivered',
                attempts: 1,
                lastStatus: 200,
                lastError: null,
                createdAt: '2026-05-01T10:00:00.000Z',
                deliveredAt: '2026-05-01T10:00:01.000Z',
                nextAttemptAt: null,
              },
            ],
          }),
        ];
        return { status: 202, body: { webhook: state.items[0] } };
      },
      'DELETE /api/events/ev-1/webhooks/wh-1': () => {
        state.items = [];
        return { status: 204 };
      },
    });
    const user = userEvent.setup();
    const region = await section();
    const item = await within(region).findByRole('article', { name: 'CoC channel' });

    await user.click(within(item).getByRole('button', { name: 'Send a test' }));
    expect(await within(item).findByText('Delivered')).toBeTruthy();
    expect(within(item).getByText(/test,/)).toBeTruthy();

    await user.click(within(item).getByRole('switch', { name: 'Sends new reports' }));
    expect(await within(item).findByText(/Off: new reports are not sent here/)).toBeTruthy();
    expect(calls.find((c) => c.key === 'PATCH /api/events/ev-1/webhooks/wh-1')?.body).toEqual({
      enabled: false,
    });

    await user.click(within(item).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove CoC channel?' });
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Channel archived');
    await user.click(within(dialog).getByRole('button', { name: 'Remove webhook' }));
    expect(await within(region).findByText('No webhooks yet.')).toBeTruthy();
    expect(calls.find((c) => c.key === 'DELETE /api/events/ev-1/webhooks/wh-1')?.body).toEqual({
      reason: 'Channel archived',
    });
  });
});
