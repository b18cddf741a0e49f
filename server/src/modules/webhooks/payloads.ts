import { createHmac, randomBytes } from 'node:crypto';

// What a webhook says. A webhook leaves the platform for a chat service or someone's server, so
// it carries what a team needs to react (which event, which report, how to open it) and nothing
// of the incident itself: never the reporter's identity or contact, never the title, description,
// location or parties. Anyone who may read the report follows the link and signs in.

export const webhookFormats = ['slack', 'discord', 'generic'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

export const deliveryKinds = ['report.submitted', 'webhook.test'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];

export interface EventFacts {
  id: string;
  name: string;
  slug: string;
}

/** What a delivery stores: the facts, rendered for the webhook's format when it is sent. */
export type DeliveryFacts =
  | {
      kind: 'report.submitted';
      occurredAt: string;
      event: EventFacts;
      report: {
        id: string;
        number: number;
        type: string;
        severity: string | null;
        anonymous: boolean;
        submittedAt: string;
      };
    }
  | { kind: 'webhook.test'; occurredAt: string; event: EventFacts };

export interface RenderedPayload {
  body: string;
  headers: Record<string, string>;
}

/** A new signing secret for a generic webhook: 256 random bits. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The `X-Steward-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * under the webhook's secret (its UTF-8 bytes, as shown). The time is signed with the body, so
 * a receiver can refuse an old request replayed at it.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

const reportUrl = (publicUrl: string, reportId: string) =>
  `${publicUrl}/reports/${encodeURIComponent(reportId)}`;

// Slack's mrkdwn reads <…> as links and mentions (<!channel>), and & starts an entity.
const slackText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Discord's Markdown; mentions are switched off with allowed_mentions instead.
const discordText = (s: string) => s.replace(/([\\*_~`|>#[\]()-])/g, '\\$1');

const severityText = (s: string | null) => s ?? 'not set';

/** The body (and extra headers) a delivery sends to a webhook of this format. */
export function renderPayload(
  format: WebhookFormat,
  deliveryId: string,
  facts: DeliveryFacts,
  opts: { publicUrl: string; secret: string | null; now: Date },
): RenderedPayload {
  const body = JSON.stringify(renderBody(format, deliveryId, facts, opts.publicUrl));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Steward-Webhooks/1',
    'x-steward-delivery': deliveryId,
    'x-steward-event': facts.kind,
  };
  if (format === 'generic' && opts.secret) {
    headers['x-steward-signature'] = signatureHeader(opts.secret, body, opts.now);
  }
  return { body, headers };
}

function renderBody(
  format: WebhookFormat,
  deliveryId: string,
  facts: DeliveryFacts,
  publicUrl: string,
): unknown {
  if (format === 'generic') {
    const event = { id: facts.event.id, name: facts.event.name, slug: facts.event.slug };
    if (facts.kind === 'webhook.test') {
      return { type: facts.kind, id: deliveryId, occurredAt: facts.occurredAt, event };
    }
    return {
      type: facts.kind,
      id: deliveryId,
      occurredAt: facts.occurredAt,
      event,
      report: { ...facts.report, url: reportUrl(publicUrl, facts.report.id) },
    };
  }

  if (facts.kind === 'webhook.test') {
    const line = `Test from Steward: webhooks of ${facts.event.name} reach this channel.`;
    if (format === 'slack') return { text: slackText(line) };
    return { content: discordText(line), allowed_mentions: { parse: [] } };
  }

  const { event, report } = facts;
  const url = reportUrl(publicUrl, report.id);
  const anonymous = report.anonymous ? 'yes' : 'no';
  if (format === 'slack') {
    const headline = `New report #${report.number} at ${slackText(event.name)}`;
    return {
      text: `${headline}: ${url}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: `*Type*\n${slackText(report.type)}` },
            { type: 'mrkdwn', text: `*Severity*\n${slackText(severityText(report.severity))}` },
            { type: 'mrkdwn', text: `*Anonymous*\n${anonymous}` },
            {
              type: 'mrkdwn',
              text: `*Submitted*\n<!date^${Math.floor(Date.parse(report.submittedAt) / 1000)}^{date_short_pretty} {time}|${report.submittedAt}>`,
            },
          ],
        },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'Open the report' }, url },
          ],
        },
      ],
    };
  }
  return {
    content: `New report #${report.number} at ${discordText(event.name)}`,
    embeds: [
      {
        title: `Report #${report.number}`,
        url,
        timestamp: report.submittedAt,
        fields: [
          { name: 'Type', value: discordText(report.type), inline: true },
          { name: 'Severity', value: severityText(report.severity), inline: true },
          { name: 'Anonymous', value: anonymous, inline: true },
        ],
      },
    ],
    // An event's name could say @everyone; a webhook never pings anybody.
    allowed_mentions: { parse: [] },
  };
}
