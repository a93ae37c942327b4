/**
 * Browser end-to-end for pictures and files: a customer in a complaint sends a photo from the
 * widget, the bot takes it as the complaint's evidence and the agent sees it on the complaint in
 * the console; the agent sends a picture back (dropped on the reply box) and the widget shows it;
 * files of a forbidden type or over the limit are refused with a message. Screenshots go to
 * test-artifacts/e2e/media-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { Complaint } from '../../src/domain/complaint/complaint.model';
import { Message } from '../../src/domain/message/message.model';
import { BrowserPages, snap } from './helpers/browser';
import { startLiveService, type LiveService } from './helpers/live-service';
import { WidgetPage } from './helpers/widget-page';
import { ConsolePage } from './helpers/console-page';
import { photoJpeg, photoPng, PROGRAM } from '../helpers/media-files';
import { createOnlineAgent } from './helpers/agent-api';

jest.setTimeout(180_000);

const MAX_BYTES = 400_000;

/** Whether every <img> the locator finds has loaded a real picture. */
const loaded = (page: Page, selector: string) =>
  page.waitForFunction((sel) => {
    const find = (root: Document | ShadowRoot): HTMLImageElement[] => [
      ...Array.from(root.querySelectorAll<HTMLImageElement>(sel)),
      ...Array.from(root.querySelectorAll('*')).flatMap((el) => (el.shadowRoot ? find(el.shadowRoot) : [])),
    ];
    const images = find(document);
    return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0);
  }, selector);

describe('pictures and files in the widget and the console', () => {
  let live: LiveService;
  const browser = new BrowserPages();

  async function newPage(options: Parameters<Browser['newContext']>[0], label: string): Promise<Page> {
    return browser.newPage(label, options);
  }

  beforeAll(async () => {
    live = await startLiveService('e2e_media', { ASSIGNMENT_MODE: 'manual', MEDIA_MAX_BYTES: String(MAX_BYTES) });
    await createOnlineAgent('wang@example.com', '王小明', 'agent-password-1');
    await browser.launch();
  });

  afterAll(async () => {
    await browser.close();
    await live?.close();
  });

  afterEach(() => {
    expect(browser.seenErrors()).toEqual([]);
  });

  it('a photo sent in a complaint is on the complaint in the console; the agent’s picture reaches the widget; bad files are refused', async () => {
    const vase = await photoJpeg(640, 480);
    const widget = new WidgetPage(await newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 860 } }, 'customer'));
    await widget.page.goto(`${live.baseUrl}/demo`);
    await widget.open();
    await widget.waitFor('bot', '您可以选择下面的服务');
    await widget.say('我要投诉');
    await widget.waitFor('bot', '麻烦您详细说一下发生了什么事情');
    await widget.say('送货的快递员态度很差，说话很凶');
    await widget.waitFor('bot', '是否涉及财物丢失');
    await widget.say('没有');
    await widget.waitFor('bot', '什么时候发生的');
    await widget.say('昨天下午');
    await widget.waitFor('bot', '涉及哪位工作人员');
    await widget.say('不清楚');
    await widget.waitFor('bot', '如有照片，可以直接发给我');

    // The photo, chosen with the paper-clip button, answers the bot's question.
    await widget.page.locator('.kf-tools input[type=file]').setInputFiles({ name: '包装.jpg', mimeType: 'image/jpeg', buffer: vase });
    await widget.page.locator('.kf-row[data-author="customer"] .kf-img').waitFor();
    await loaded(widget.page, '.kf-row[data-author="customer"] .kf-img');
    await widget.waitFor('bot', '照片收到了');
    await widget.say('没有了');
    await widget.waitFor('bot', '请问方便联系您的手机号码是');
    await widget.say('13812345678');
    await widget.waitFor('bot', '24小时内');
    await snap(widget.page, 'media-widget-complaint-photo');

    const { conversationId } = await widget.session(live.baseUrl);
    const complaint = await Complaint.findOne({ conversation: conversationId }).lean();
    expect(complaint?.evidence).toEqual([expect.objectContaining({ kind: 'image', name: '包装.jpg', mime: 'image/jpeg', size: vase.length })]);

    // The customer asks for a human; the agent claims the chat and sees the photo in the transcript and on the complaint.
    await widget.say('转人工');
    const desk = new ConsolePage(await newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } }, 'agent'));
    await desk.signIn(live.baseUrl, 'wang@example.com', 'agent-password-1');
    await desk.inboxItem(conversationId).click();
    await desk.action('接入').click();
    await desk.page.locator('.transcript .msg[data-author="customer"] .att-image img').waitFor();
    await loaded(desk.page, '.transcript .att-image img');
    await desk.page.locator('.side .evidence img').waitFor();
    await loaded(desk.page, '.side .evidence img');
    await snap(desk.page, 'media-console-complaint-evidence');
    await desk.page.locator('.side .evidence .att-image').click();
    await loaded(desk.page, '.image-viewer img');
    await snap(desk.page, 'media-console-viewer');
    await desk.page.keyboard.press('Escape');
    await desk.page.locator('.image-viewer').waitFor({ state: 'detached' });

    // The agent drops a picture on the reply box: it goes to the customer, and the widget shows it.
    const guide = await photoPng(360, 240, { r: 20, g: 120, b: 200 });
    await desk.page.evaluate(
      async ({ base64 }) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], '正确包装.png', { type: 'image/png' }));
        const box = document.querySelector('.reply-box')!;
        box.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        box.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { base64: guide.toString('base64') },
    );
    await desk.page.locator('.transcript .msg[data-author="agent"] .att-image img').waitFor();
    await widget.page.locator('.kf-row[data-author="agent"] .kf-img').waitFor({ timeout: 15000 });
    await loaded(widget.page, '.kf-row[data-author="agent"] .kf-img');
    const sent = await Message.findOne({ conversation: conversationId, author: 'agent', 'attachments.0': { $exists: true } }).lean();
    expect(sent?.attachments?.[0]).toEqual(expect.objectContaining({ kind: 'image', name: '正确包装.png', mime: 'image/png', size: guide.length }));
    await snap(widget.page, 'media-widget-agent-picture');

    // Refused before sending: a program pasted into the input, a picture over the limit.
    const banner = widget.page.locator('.kf-banner');
    await widget.page.evaluate(() => {
      const host = document.querySelector('kefu-widget')!;
      const input = host.shadowRoot!.querySelector('.kf-input')!;
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0])], 'setup.exe', { type: 'application/x-msdownload' }));
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await banner.filter({ hasText: '不支持发送这类文件' }).waitFor();
    await snap(widget.page, 'media-widget-refused-type');
    const big = Buffer.concat([await photoPng(200, 200), Buffer.alloc(MAX_BYTES)]);
    await widget.page.locator('.kf-tools input[type=file]').setInputFiles({ name: '大图.png', mimeType: 'image/png', buffer: big });
    await banner.filter({ hasText: '文件太大，不能超过' }).waitFor();
    // Refused by the server, which reads the bytes: a program that calls itself a PNG.
    await widget.page.locator('.kf-tools input[type=file]').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PROGRAM });
    await banner.filter({ hasText: '不支持发送这类文件' }).waitFor();
    await snap(widget.page, 'media-widget-refused-size');
    expect(await Message.countDocuments({ conversation: conversationId, direction: 'in', 'attachments.0': { $exists: true } })).toBe(1);
  });
});
