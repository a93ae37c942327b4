import mongoose from 'mongoose';
import { useLiveChatService, addUser, online, signIn, openChat, waitingCustomer, asUser, transcript, type Visitor } from '../helpers/live-chat';
import { BOSS } from '../helpers/service-config';
import { MediaFile, Message } from '../../src/domain/models';
import { multipart, photoPng, PROGRAM } from '../helpers/media-files';

const MAX = 1024 * 1024;
const service = useLiveChatService('media_routes', { MEDIA_MAX_BYTES: String(MAX) });
const app = () => service().app;
const C = '/api/v1/console/conversations';

type View = { id: string; text: string; attachments?: { kind: string; name?: string; size?: number; mime?: string; url?: string; thumbnailUrl?: string }[] };

async function upload(v: Visitor, file: { data: Buffer; name: string; type?: string }, fields: Record<string, string> = {}) {
  const body = await multipart(fields, file);
  return app().inject({ method: 'POST', url: `/api/v1/client/conversations/${v.conversationId}/attachments`, headers: { ...body.headers, authorization: `Bearer ${v.token}` }, payload: body.payload });
}

const visitorGet = (v: Visitor, url: string) => app().inject({ method: 'GET', url, headers: { authorization: `Bearer ${v.token}` } });
const gridFsFiles = () => mongoose.connection.db!.collection('media.files').countDocuments();

describe('pictures and files on the client API and in the console', () => {
  let png: Buffer;
  let wang: Awaited<ReturnType<typeof addUser>>;
  let asWang: ReturnType<typeof asUser>;
  let asLi: ReturnType<typeof asUser>;
  let asBoss: ReturnType<typeof asUser>;
  const cookies = { wang: '', li: '' };

  beforeAll(async () => {
    png = await photoPng(640, 480);
    wang = await addUser('王小明');
    cookies.wang = await online(app(), wang);
    cookies.li = await online(app(), await addUser('李晓华'));
    asWang = asUser(app(), cookies.wang);
    asLi = asUser(app(), cookies.li);
    asBoss = asUser(app(), await signIn(app(), BOSS));
  });

  const agentUpload = (cookie: string, conversationId: string, body: { payload: Buffer; headers: Record<string, string> }) =>
    app().inject({ method: 'POST', url: `${C}/${conversationId}/attachments`, headers: { ...body.headers, cookie }, payload: body.payload });

  it('a customer sends a photo: stored once with a thumbnail, shown in the transcript and fetched with the visitor token', async () => {
    const v = await openChat(app());
    const res = await upload(v, { data: png, name: '花瓶.png', type: 'image/png' }, { clientMessageId: 'photo-1' });
    expect(res.statusCode).toBe(200);
    const { message } = res.json() as { message: View };
    expect(message.attachments).toEqual([expect.objectContaining({ kind: 'image', name: '花瓶.png', size: png.length, mime: 'image/png' })]);
    const [a] = message.attachments!;
    expect(a.url).toBe(`/api/v1/client/conversations/${v.conversationId}/messages/${message.id}/attachments/0`);

    const file = await visitorGet(v, a.url!);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.rawPayload, png)).toBe(0);
    const thumb = await visitorGet(v, a.thumbnailUrl!);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.rawPayload.length).toBeLessThan(png.length);

    // The same upload sent again (a retry after a lost answer) stores nothing new.
    const files = await gridFsFiles();
    const again = await upload(v, { data: png, name: '花瓶.png' }, { clientMessageId: 'photo-1' });
    expect(again.json().message.id).toBe(message.id);
    expect(await gridFsFiles()).toBe(files);
    expect(await MediaFile.countDocuments({ key: `web:${v.conversationId}:photo-1` })).toBe(1);
    expect((await transcript(app(), v)).messages.filter((m) => m.id === message.id)).toHaveLength(1);
    // Without the token, or with another conversation's, the file is not there.
    expect((await app().inject({ method: 'GET', url: a.url! })).statusCode).toBe(401);
    const other = await openChat(app());
    expect((await visitorGet(other, `/api/v1/client/conversations/${other.conversationId}/messages/${message.id}/attachments/0`)).statusCode).toBe(404);
  });

  it('refuses a program renamed .png (415) and a file over the limit (413), naming the field, and keeps nothing', async () => {
    const v = await openChat(app());
    const before = { messages: await Message.countDocuments({ conversation: v.conversationId }), files: await gridFsFiles() };
    const fake = await upload(v, { data: PROGRAM, name: 'photo.png', type: 'image/png' });
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error).toEqual(expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED', details: [expect.objectContaining({ field: 'file' })] }));
    const big = await upload(v, { data: Buffer.concat([png, Buffer.alloc(MAX)]), name: 'big.png' });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('FILE_TOO_LARGE');
    const none = await app().inject({ method: 'POST', url: `/api/v1/client/conversations/${v.conversationId}/attachments`, headers: { authorization: `Bearer ${v.token}` }, payload: { text: 'hi' } });
    expect(none.statusCode).toBe(415);
    expect(await Message.countDocuments({ conversation: v.conversationId })).toBe(before.messages);
    expect(await gridFsFiles()).toBe(before.files);
  });

  it('a conversation the agent may not see cannot fetch its files (403); its agent and managers can', async () => {
    const v = await waitingCustomer(app());
    const { message } = (await upload(v, { data: png, name: 'broken.png' })).json() as { message: View };
    const url = `/api/v1/console/messages/${message.id}/attachments/0`;
    // Waiting for someone: every agent may look before claiming.
    expect((await asLi('GET', url)).statusCode).toBe(200);
    expect((await asWang('POST', `${C}/${v.conversationId}/claim`)).statusCode).toBe(200);
    expect((await asLi('GET', url)).statusCode).toBe(403);
    expect((await asLi('GET', `${url}/thumbnail`)).statusCode).toBe(403);
    const mine = await asWang('GET', url);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-disposition']).toContain('inline');
    expect((await asWang('GET', `${url}?download=1`)).headers['content-disposition']).toContain('attachment; filename="broken.png"');
    expect((await asBoss('GET', url)).statusCode).toBe(200);
    expect((await app().inject({ method: 'GET', url })).statusCode).toBe(401);
    // The console transcript names the console's own URL.
    const detail = (await asWang('GET', `${C}/${v.conversationId}`)).json() as { messages: View[] };
    expect(detail.messages.find((m) => m.id === message.id)?.attachments?.[0].url).toBe(url);
  });

  it('an agent sends a picture with a caption: the customer sees it and fetches it; another agent may not send (403, nothing kept)', async () => {
    const v = await waitingCustomer(app());
    expect((await asWang('POST', `${C}/${v.conversationId}/claim`)).statusCode).toBe(200);
    const body = await multipart({ text: '这是正确的安装图' }, { data: png, name: 'guide.png' });
    const files = await gridFsFiles();
    const refused = await agentUpload(cookies.li, v.conversationId, body);
    expect(refused.statusCode).toBe(403);
    expect(await gridFsFiles()).toBe(files);

    const sent = await agentUpload(cookies.wang, v.conversationId, body);
    expect(sent.statusCode).toBe(201);
    const message = sent.json().message as View & { author: string };
    expect(message).toEqual(expect.objectContaining({ author: 'agent', text: '这是正确的安装图', attachments: [expect.objectContaining({ kind: 'image', mime: 'image/png' })] }));
    const seen = (await transcript(app(), v)).messages.find((m) => m.id === message.id) as View | undefined;
    expect(seen?.attachments?.[0].url).toBe(`/api/v1/client/conversations/${v.conversationId}/messages/${message.id}/attachments/0`);
    expect((await visitorGet(v, seen!.attachments![0].url!)).statusCode).toBe(200);
  });
});
