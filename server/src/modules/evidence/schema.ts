import { z } from 'zod';
import { errorResponses, instant, reasonBody } from '../../http/schemas.js';
import { followUpHeaders, reportParams } from '../reports/schema.js';

// The HTTP contract of evidence files (SPEC §9). Uploads are the raw file as the request body
// (any Content-Type: the type is read from the bytes), with the original name in `?name=`.

const security = [{ session: [] }];
const tags = ['evidence'];

export const evidenceParams = z.object({ evidenceId: z.string().min(1).max(100) });

// Like the reports' PersonRef (one id may be registered once).
const person = z.object({ id: z.string(), name: z.string() });

export const evidence = z
  .object({
    id: z.string(),
    fileName: z.string().describe('Sanitized; ends in an extension of contentType'),
    contentType: z.string().describe('Read from the bytes, never from the name'),
    size: z.number().int().describe('In bytes'),
    uploadedBy: person.nullable().describe('Null for the anonymous reporter or a deleted account'),
    byReporter: z.boolean().describe("Uploaded by the report's author or its anonymous reporter"),
    createdAt: instant,
    downloadUrl: z
      .string()
      .nullable()
      .describe('Null where the caller may not download it (the anonymous follow-up link)'),
    can: z
      .object({ delete: z.boolean() })
      .describe('What the caller may do now; the server checks again'),
  })
  .meta({ id: 'Evidence' });

const uploadQuery = z.object({
  name: z
    .string()
    .max(1000)
    .optional()
    .describe('The original file name; sanitized, and given an extension of the sniffed type'),
});

const uploadDescription =
  'The raw file is the request body (any Content-Type). Its type is read from the bytes: ' +
  'JPEG, PNG, GIF, WebP, HEIC/HEIF, PDF, MP4, MOV, WebM, MP3, M4A/AAC, OGG, WAV or plain ' +
  'UTF-8 text; anything else is 415. Larger than EVIDENCE_MAX_BYTES: 413. Empty: 400.';

export const postEvidence = {
  tags,
  summary: 'Add an evidence file to a report',
  description: uploadDescription,
  security,
  params: reportParams,
  querystring: uploadQuery,
  response: {
    201: z.object({ evidence }),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
  },
};

export const getEvidence = {
  tags,
  summary: "A report's evidence files, oldest first",
  security,
  params: reportParams,
  response: { 200: z.object({ items: z.array(evidence) }), ...errorResponses(400, 401, 404) },
};

export const downloadEvidence = {
  tags,
  summary: 'Download an evidence file (recorded in the report’s access log)',
  description:
    'Sent as an attachment with its sniffed type, nosniff and a sandboxing Content-Security-Policy.',
  security,
  params: evidenceParams,
  response: {
    200: z.any().describe('The file, as uploaded'),
    ...errorResponses(400, 401, 404),
  },
};

export const deleteEvidence = {
  tags,
  summary: 'Delete an evidence file (event admins, or its uploader)',
  security,
  params: evidenceParams,
  body: reasonBody,
  response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
};

export const postFollowUpEvidence = {
  tags,
  summary: 'Add an evidence file through an anonymous report’s follow-up link',
  description: uploadDescription,
  headers: followUpHeaders,
  querystring: uploadQuery,
  response: {
    201: z.object({ evidence }),
    ...errorResponses(400, 403, 404, 409, 413, 415, 429),
  },
};

export const getFollowUpEvidence = {
  tags,
  summary: 'The evidence files of the follow-up link’s report',
  headers: followUpHeaders,
  response: { 200: z.object({ items: z.array(evidence) }), ...errorResponses(400, 404, 429) },
};
