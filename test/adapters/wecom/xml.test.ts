import fc from 'fast-check';
import { WeChatCrypto } from '../../../adapters/wecom/crypto';
import {
  WeChatXmlError,
  buildEncryptedReplyXml,
  buildTextReplyXml,
  parseEncryptedEnvelope,
  parseInboundXml,
  parseWeChatXml,
} from '../../../adapters/wecom/xml';
import { vectorA, vectorB } from '../fixtures/wechat-vectors';

function errorOf(run: () => unknown): WeChatXmlError {
  try {
    run();
  } catch (error) {
    if (error instanceof WeChatXmlError) return error;
    throw error;
  }
  throw new Error('expected a WeChatXmlError');
}

describe('parsing WeChat XML', () => {
  it('reads the decrypted WeCom vector A message', () => {
    const message = parseInboundXml(vectorA.message.plaintext);
    expect(message).toMatchObject({
      toUserName: 'ww1436e0e65a779aee',
      fromUserName: 'ChenJiaShun',
      createTime: '1476422779',
      msgType: 'text',
      content: '你好',
      msgId: '1456453720',
      agentId: '1000002',
    });
  });

  it('keeps an Official Account MsgId beyond 2^53 exactly, as a string', () => {
    const message = parseInboundXml(new WeChatCrypto(vectorB).decrypt(vectorB.encrypt));
    expect(message.msgId).toBe(vectorB.msgId);
    expect(message.content).toBe(vectorB.content);
    expect(message.fromUserName).toBe(vectorB.fromUserName);
    expect(message.createTime).toBe('1409735668');
  });

  it('reads the encrypted envelope of WeCom and of the Official Account', () => {
    const wecom = `<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[${vectorA.message.encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
    expect(parseEncryptedEnvelope(wecom)).toEqual({ toUserName: 'ww1436e0e65a779aee', encrypt: vectorA.message.encrypt, agentId: '1000002' });
    const mp = `<xml>\n  <ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n  <Encrypt><![CDATA[${vectorB.encrypt}]]></Encrypt>\n</xml>`;
    expect(parseEncryptedEnvelope(mp).encrypt).toBe(vectorB.encrypt);
  });

  it('keeps numbers as strings and decodes only the predefined entities', () => {
    const fields = parseWeChatXml('<xml><N>007</N><T>a &lt;b&gt; &amp; &#20320;&#x597D; &custom;</T><C><![CDATA[&lt;raw&gt;]]></C></xml>');
    expect(fields).toEqual({ N: '007', T: 'a <b> & 你好 &custom;', C: '&lt;raw&gt;' });
  });

  it('accepts a customer message that merely mentions a DOCTYPE', () => {
    const xml =
      '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime>' +
      '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[<!DOCTYPE html><!ENTITY x "y">]]></Content><MsgId>1</MsgId></xml>';
    expect(parseInboundXml(xml).content).toBe('<!DOCTYPE html><!ENTITY x "y">');
  });

  it('reads an event without MsgId and nested, repeated elements', () => {
    const xml =
      '<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType>' +
      '<Event>pic_photo_or_album</Event><EventKey>k</EventKey><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum>a</PicMd5Sum></item><item><PicMd5Sum>b</PicMd5Sum></item></PicList></SendPicsInfo></xml>';
    const event = parseInboundXml(xml);
    expect(event).toMatchObject({ msgType: 'event', event: 'pic_photo_or_album', eventKey: 'k', msgId: undefined });
    expect(event.fields.SendPicsInfo).toEqual({ Count: '2', PicList: { item: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] } });
  });

  it.each([
    ['unclosed tags', '<xml><ToUserName>x</ToUserName>'],
    ['plain text', 'hello'],
    ['an empty body', ''],
    ['another root element', '<msg><Encrypt>x</Encrypt></msg>'],
    ['two roots', '<xml></xml><xml></xml>'],
    ['a DOCTYPE with entities', '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'],
    ['a DOCTYPE after the declaration', '<?xml version="1.0"?>\n<!doctype xml><xml><Encrypt>x</Encrypt></xml>'],
    ['a DOCTYPE inside the body', '<xml><Encrypt><!DOCTYPE x [<!ENTITY a "b">]>&a;</Encrypt></xml>'],
    ['a bare ampersand', '<xml><Encrypt>a & b</Encrypt></xml>'],
    ['an element named __proto__', '<xml><__proto__><Encrypt>x</Encrypt></__proto__></xml>'],
  ])('rejects %s', (_label, xml) => {
    expect(errorOf(() => parseEncryptedEnvelope(xml)).message).toMatch(/XML|DOCTYPE|root|Encrypt/);
  });

  it('names the missing or repeated required field', () => {
    expect(errorOf(() => parseEncryptedEnvelope('<xml><ToUserName>x</ToUserName></xml>')).field).toBe('Encrypt');
    expect(errorOf(() => parseEncryptedEnvelope('<xml><Encrypt>  </Encrypt></xml>')).field).toBe('Encrypt');
    expect(errorOf(() => parseEncryptedEnvelope('<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>')).field).toBe('Encrypt');
    const noMsgId = '<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>';
    expect(errorOf(() => parseInboundXml(noMsgId)).field).toBe('MsgId');
    const noEvent = '<xml><ToUserName>t</ToUserName><FromUserName>f</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>';
    expect(errorOf(() => parseInboundXml(noEvent)).field).toBe('Event');
  });
});

describe('building passive replies', () => {
  it('round-trips any text through the reply XML, CDATA terminators included', () => {
    // XML normalises CR and CRLF to LF, so the generated text has none.
    const texts = fc.string({ unit: 'grapheme' }).map((value) => value.replace(/\r/g, ''));
    fc.assert(
      fc.property(texts, fc.constantFrom('', ']]>', 'a]]>b<&>'), (text, tricky) => {
        const content = `${text}${tricky}`;
        const xml = buildTextReplyXml({ toUserName: 'openid', fromUserName: 'gh_1', createTime: 1700000000, content });
        expect(parseWeChatXml(xml)).toEqual({ ToUserName: 'openid', FromUserName: 'gh_1', CreateTime: '1700000000', MsgType: 'text', Content: content });
      }),
    );
  });

  it('wraps a sealed reply in an envelope the platform can verify', () => {
    const crypto = new WeChatCrypto(vectorA);
    const { encrypt, signature } = crypto.seal('<xml><Content>hi</Content></xml>', '1700000000', 'n1');
    const fields = parseWeChatXml(buildEncryptedReplyXml({ encrypt, signature, timestamp: '1700000000', nonce: 'n1' }));
    expect(fields).toEqual({ Encrypt: encrypt, MsgSignature: signature, TimeStamp: '1700000000', Nonce: 'n1' });
    expect(crypto.open({ signature: fields.MsgSignature as string, timestamp: '1700000000', nonce: 'n1', encrypt })).toContain('hi');
  });
});
