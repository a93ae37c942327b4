import { Types } from 'mongoose';
import { useTestDatabase } from '../helpers/database';
import { Customer, CustomerIdentity, Conversation, Message, Lead, Complaint, Order, FollowUp, Contract, Staff, User, AuditLog } from '../../src/domain/models';
import { createUser } from '../../src/domain/user/user.service';
import { verifyPassword } from '../../src/domain/user/password';
import { SYSTEM } from '../../src/domain/audit/audit.service';

useTestDatabase(__filename);

/** The validation error's field paths, or [] when the document is valid. */
async function invalidPaths(doc: { validate(): Promise<void> }): Promise<string[]> {
  try {
    await doc.validate();
    return [];
  } catch (err) {
    return Object.keys((err as { errors?: Record<string, unknown> }).errors ?? {}).sort();
  }
}

const id = () => new Types.ObjectId();

describe('domain records', () => {
  it('a customer rejects an invalid phone and gender, and accepts mainland, HK and TW numbers', async () => {
    expect(await invalidPaths(new Customer({ phone: '12345', gender: 'x' }))).toEqual(['gender', 'phone']);
    for (const phone of ['+8613812345678', '+85291234567', '+886912345678']) {
      expect(await invalidPaths(new Customer({ phone }))).toEqual([]);
    }
  });

  it('a channel identity belongs to one customer only', async () => {
    const customer = await Customer.create({ name: '张三' });
    await CustomerIdentity.create({ channel: 'wecom', externalId: 'ChenJiaShun', customer: customer._id });
    await expect(CustomerIdentity.create({ channel: 'wecom', externalId: 'ChenJiaShun', customer: id() })).rejects.toMatchObject({ code: 11000 });
    await expect(CustomerIdentity.create({ channel: 'telegram', externalId: 'ChenJiaShun', customer: id() })).resolves.toBeTruthy();
  });

  it('a retried channel message id is stored once per channel', async () => {
    const base = { conversation: id(), customer: id(), direction: 'in', author: 'customer', text: '你好' };
    await Message.create({ ...base, channel: 'wecom', channelMessageId: '1456453720' });
    await expect(Message.create({ ...base, channel: 'wecom', channelMessageId: '1456453720' })).rejects.toMatchObject({ code: 11000 });
    await expect(Message.create({ ...base, channel: 'wechat-mp', channelMessageId: '1456453720' })).resolves.toBeTruthy();
    expect(await Message.countDocuments({ channelMessageId: '1456453720' })).toBe(2);
  });

  it('a conversation thread has one open conversation and validates its status', async () => {
    const base = { channel: 'web', customer: id(), conversationKey: 'v1', externalUserId: 'v1' };
    await Conversation.create({ ...base, openKey: 'web:v1' });
    await expect(Conversation.create({ ...base, openKey: 'web:v1' })).rejects.toMatchObject({ code: 11000 });
    expect(await invalidPaths(new Conversation({ ...base, openKey: 'web:v2', status: 'sleeping' }))).toEqual(['status']);
    const conv = await Conversation.create({ ...base, openKey: 'web:v3' });
    expect(conv.get('day')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a lead needs a need and a known status', async () => {
    expect(await invalidPaths(new Lead({ customer: id(), sourceChannel: 'web', status: 'maybe' }))).toEqual(['need', 'status']);
    expect(await invalidPaths(new Lead({ customer: id(), sourceChannel: 'qq', need: '保洁' }))).toEqual(['sourceChannel']);
  });

  it('a complaint gets its 24-hour feedback deadline at intake', async () => {
    const complaint = await Complaint.create({ customer: id(), channel: 'web', severity: 'general', category: 'attitude', description: '阿姨态度不好' });
    expect(complaint.feedbackDueAt.getTime() - complaint.createdAt.getTime()).toBe(24 * 3600_000);
    expect(await invalidPaths(new Complaint({ customer: id(), channel: 'web', severity: 'minor', description: '' }))).toEqual(['description', 'severity']);
  });

  it('an order total must equal its items, with whole quantities and a valid recipient phone', async () => {
    const order = {
      number: 'O20261122-0001', customer: id(), source: 'bot',
      items: [{ sku: 'TCSP-500', product: '天朝上品 500ml', quantity: 2, unitPriceFen: 29800 }],
      recipient: { name: '李四', phone: '+8613812345678' }, address: '贵阳市观山湖区某某小区 1 栋', payment: 'cod',
    };
    expect(await invalidPaths(new Order({ ...order, totalFen: 59600 }))).toEqual([]);
    expect(await invalidPaths(new Order({ ...order, totalFen: 100 }))).toEqual(['totalFen']);
    expect(await invalidPaths(new Order({ ...order, totalFen: 0, items: [] }))).toEqual(['items']);
    expect(await invalidPaths(new Order({ ...order, totalFen: 59600, payment: 'credit', recipient: { name: '李四', phone: '123' } }))).toEqual(['payment', 'recipient.phone']);
    await Order.create({ ...order, totalFen: 59600 });
    await expect(Order.create({ ...order, totalFen: 59600 })).rejects.toMatchObject({ code: 11000 });
  });

  it('a follow-up names its target and takes scores from 1 to 5 only', async () => {
    expect(await invalidPaths(new FollowUp({ targetType: 'customer', dueAt: new Date() }))).toEqual(['customer']);
    expect(await invalidPaths(new FollowUp({ targetType: 'staff', staff: id(), dueAt: new Date(), scores: { attitude: 6, speed: 0, resolution: 2.5 } }))).toEqual([
      'scores.attitude', 'scores.resolution', 'scores.speed',
    ]);
  });

  it('a contract ends after it starts and its number is unique', async () => {
    const base = { number: 'HT-2026-001', customer: id(), amountFen: 500000 };
    expect(await invalidPaths(new Contract({ ...base, start: new Date('2026-02-01'), end: new Date('2026-01-01') }))).toEqual(['end']);
    await Contract.create({ ...base, start: new Date('2026-01-01'), end: new Date('2026-12-31') });
    await expect(Contract.create({ ...base, start: new Date('2026-01-01'), end: new Date('2026-12-31') })).rejects.toMatchObject({ code: 11000 });
  });

  it('a service worker status is one of new, on duty, returned, resigned', async () => {
    expect(await invalidPaths(new Staff({ name: '王阿姨', status: 'fired' }))).toEqual(['status']);
    expect(await invalidPaths(new Staff({ name: '王阿姨', status: 'on_duty', movements: [{ from: 'new', to: 'on_duty' }] }))).toEqual([]);
  });

  it('a user password is stored only as an argon2 hash and e-mails are unique', async () => {
    const user = await createUser({ email: 'Agent@Example.com', name: '小王', role: 'agent', password: 'correct horse battery' }, SYSTEM);
    const stored = await User.findById(user._id).select('+passwordHash').lean();
    expect(stored?.email).toBe('agent@example.com');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(stored)).not.toContain('correct horse battery');
    expect(await verifyPassword(stored!.passwordHash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored!.passwordHash, 'wrong')).toBe(false);
    expect(stored?.agentNumber).toMatch(/^\d+$/);
    await expect(createUser({ email: 'agent@example.com', name: 'x', role: 'agent', password: 'another password' }, SYSTEM)).rejects.toMatchObject({ code: 11000 });
    await expect(createUser({ email: 'b@example.com', name: 'x', role: 'agent', password: 'short' }, SYSTEM)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(createUser({ email: 'c@example.com', name: 'x', role: 'boss' as never, password: 'long enough pw' }, SYSTEM)).rejects.toThrow(/role/);
    expect(await AuditLog.countDocuments({ action: 'user.create', 'entity.id': user._id })).toBe(1);
  });
});
