import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { weChatMessageFields } from './message.schema';

/**
 * The XML of WeCom and the Official Account: the outer envelope, the inner message and the passive
 * reply. Every value stays a string (MsgId exceeds 2^53); no entity processing, no DOCTYPE.
 */

/** The XML was malformed or lacked a required field; `field` names the missing one. */
export class WeChatXmlError extends Error {
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.name = 'WeChatXmlError';
    this.field = field;
  }
}

/** Children of an element by name (null prototype: element names are untrusted input). */
export interface XmlRecord {
  [name: string]: XmlValue;
}
/** An element's content: its text, its children, or the list of same-named siblings. */
export type XmlValue = string | XmlRecord | XmlValue[];

/** The encrypted outer body: `<xml><ToUserName/><Encrypt/><AgentID/></xml>` (AgentID: WeCom only). */
export interface EncryptedEnvelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

/** The fields of an inner (or plaintext-mode) message the adapters use; `fields` keeps everything. */
export interface WeChatInboundXml {
  toUserName: string;
  fromUserName: string;
  createTime: string;
  msgType: string;
  /** Absent on events; de-duplicate those on FromUserName + CreateTime. */
  msgId?: string;
  content?: string;
  event?: string;
  eventKey?: string;
  agentId?: string;
  fields: XmlRecord;
}

type OrderedNode = Record<string, OrderedNode[] | string>;

const parser = new XMLParser({
  preserveOrder: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parses `<xml>…</xml>` into a record of its children; throws WeChatXmlError when malformed. */
export function parseWeChatXml(xml: string): XmlRecord {
  // A DTD is never sent by the platforms and is the door to entity expansion attacks. CDATA is left
  // out of the check: a customer may well type "<!DOCTYPE" into a message.
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
    throw new WeChatXmlError('DOCTYPE is not allowed');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new WeChatXmlError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const roots = parseOrdered(xml).filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1 || elementName(roots[0]) !== 'xml') {
    throw new WeChatXmlError('expected a single <xml> root element');
  }
  const value = toValue(roots[0].xml as OrderedNode[]);
  return typeof value === 'string' ? {} : value;
}

/** Reads the encrypted envelope; requires a non-empty Encrypt. */
export function parseEncryptedEnvelope(xml: string): EncryptedEnvelope {
  const fields = parseWeChatXml(xml);
  return {
    encrypt: requiredText(fields, 'Encrypt'),
    toUserName: optionalText(fields, 'ToUserName'),
    agentId: optionalText(fields, 'AgentID'),
  };
}

/** Reads an inner message against its schema: MsgId for messages, Event for events, Content for text. */
export function parseInboundXml(xml: string): WeChatInboundXml {
  const fields = parseWeChatXml(xml);
  const parsed = weChatMessageFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? 'xml');
    // A nested element where text belongs reads as an object: say so rather than zod's wording.
    const message = fields[field] !== undefined && typeof fields[field] !== 'string' ? 'must be a single text element' : issue.message;
    throw new WeChatXmlError(`<${field}> ${message}`, field);
  }
  const f = parsed.data;
  return {
    toUserName: f.ToUserName,
    fromUserName: f.FromUserName,
    createTime: f.CreateTime,
    msgType: f.MsgType,
    msgId: f.MsgId,
    content: f.Content,
    event: f.MsgType === 'event' ? f.Event : undefined,
    eventKey: f.EventKey,
    agentId: f.AgentID,
    fields,
  };
}

const builder = new XMLBuilder({ cdataPropName: '#cdata', processEntities: false, suppressEmptyNode: false });

/** Passive text reply (被动回复); CDATA keeps any text safe, `]]>` included. */
export function buildTextReplyXml(reply: { toUserName: string; fromUserName: string; createTime: number; content: string }): string {
  return builder.build({
    xml: {
      ToUserName: { '#cdata': reply.toUserName },
      FromUserName: { '#cdata': reply.fromUserName },
      CreateTime: String(reply.createTime),
      MsgType: { '#cdata': 'text' },
      Content: { '#cdata': reply.content },
    },
  }) as string;
}

/** The encrypted reply envelope around the output of `WeChatCrypto.seal`. */
export function buildEncryptedReplyXml(reply: { encrypt: string; signature: string; timestamp: string; nonce: string }): string {
  return builder.build({
    xml: {
      Encrypt: { '#cdata': reply.encrypt },
      MsgSignature: { '#cdata': reply.signature },
      TimeStamp: reply.timestamp,
      Nonce: { '#cdata': reply.nonce },
    },
  }) as string;
}

function parseOrdered(xml: string): OrderedNode[] {
  try {
    return parser.parse(xml) as OrderedNode[];
  } catch (error) {
    // The parser refuses names such as __proto__ and nesting beyond its depth limit.
    throw new WeChatXmlError(`malformed XML: ${(error as Error).message}`);
  }
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => !key.startsWith('#') && key !== ':@');
}

/** Text and CDATA are concatenated in order; elements make a record; comments are dropped. */
function toValue(children: OrderedNode[]): string | XmlRecord {
  let text = '';
  let record: XmlRecord | undefined;
  for (const child of children) {
    if (typeof child['#text'] === 'string') text += decodeEntities(child['#text']);
    else if (Array.isArray(child['#cdata'])) text += child['#cdata'].map((part) => String(part['#text'] ?? '')).join('');
    const name = elementName(child);
    if (name === undefined) continue;
    // A null prototype: an element named __proto__ must stay an ordinary key.
    record ??= Object.create(null) as XmlRecord;
    const value = toValue(child[name] as OrderedNode[]);
    const existing = record[name];
    if (existing === undefined) record[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else record[name] = [existing, value];
  }
  // Whitespace between child elements is layout, not content.
  return record ?? text;
}

/** Only the five predefined entities and character references: no DTD entity is ever expanded. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function optionalText(fields: XmlRecord, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new WeChatXmlError(`<${name}> must be a single text element`, name);
  return value;
}

function requiredText(fields: XmlRecord, name: string, allowEmpty = false): string {
  const value = optionalText(fields, name);
  if (value === undefined || (!allowEmpty && value.trim() === '')) {
    throw new WeChatXmlError(`<${name}> is missing`, name);
  }
  return value;
}
