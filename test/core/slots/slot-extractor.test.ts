import { SlotExtractor } from '../../../src/core/slots/slot-extractor';
import { Catalogue } from '../../../src/flows/catalogue';

const catalogue = Catalogue.fromData(
  {
    products: [
      { sku: 'TCSP-500', name: { 'zh-CN': '天朝上品 500ml', 'zh-TW': '天朝上品 500ml', en: 'Tianchao Shangpin' }, unit: { 'zh-CN': '瓶', 'zh-TW': '瓶', en: 'bottle' }, priceFen: 29800, synonyms: ['天朝上品', 'tianchao'], packs: [{ unit: { 'zh-CN': '箱', 'zh-TW': '箱', en: 'case' }, size: 6, words: ['箱', 'case'] }] },
      { sku: 'TCSP-GIFT', name: { 'zh-CN': '天朝上品 礼盒', 'zh-TW': '天朝上品 禮盒', en: 'gift box' }, unit: { 'zh-CN': '盒', 'zh-TW': '盒', en: 'box' }, priceFen: 68800, synonyms: ['天朝上品礼盒', '礼盒', 'gift box'] },
    ],
  },
  'test catalogue',
);
const slots = new SlotExtractor(catalogue, { cod: ['货到付款', '到付', 'cash on delivery'], online: ['线上付款', '微信支付', 'pay online'] });

describe('details read from any sentence', () => {
  it('"我想买两箱天朝上品，送到北京市朝阳区建国路88号，货到付款" gives product, quantity with its unit, address and payment', () => {
    expect(slots.extract('我想买两箱天朝上品，送到北京市朝阳区建国路88号，货到付款', 'zh-CN')).toEqual({
      product: 'TCSP-500',
      quantity: { value: 2, unit: '箱' },
      address: '北京市朝阳区建国路88号',
      payment: 'cod',
    });
  });

  it('the longest product name wins: "天朝上品礼盒" is the gift box, not the bottle', () => {
    expect(slots.extract('要一个天朝上品礼盒', 'zh-CN').product).toBe('TCSP-GIFT');
  });

  it('an English sentence with an address between commas and a payment after it', () => {
    expect(slots.extract("I'd like 2 cases of Tianchao delivered to 88 Jianguo Road, Chaoyang District, Beijing, cash on delivery", 'en')).toMatchObject({
      product: 'TCSP-500',
      quantity: { value: 2, unit: 'case' },
      address: '88 Jianguo Road, Chaoyang District, Beijing',
      payment: 'cod',
    });
  });

  it('a phone and an order number in a free sentence are told apart', () => {
    expect(slots.extract('订单号O202611200001一直没到，电话13812345678', 'zh-CN')).toMatchObject({ orderNumber: 'O202611200001', phone: '+8613812345678' });
    expect(slots.extract('我的订单O202611200001', 'zh-CN').phone).toBeUndefined();
  });

  it('a mainland mobile without +86 from a traditional-Chinese customer is a mainland mobile', () => {
    expect(slots.extract('電話13912345678', 'zh-TW').phone).toBe('+8613912345678');
    expect(slots.extract('電話0912345678', 'zh-TW').phone).toBe('+886912345678');
  });

  it('a date phrase and a self-introduction with the gender it tells', () => {
    expect(slots.extract('我要请一个育儿嫂，12月1号开始，我姓陈女士', 'zh-CN')).toMatchObject({ date: '12月1号开始', name: { name: '陈女士', gender: 'female' } });
    expect(slots.extract('12月1号开始', 'zh-CN').address).toBeUndefined();
  });

  it('a bare number is not a quantity (it may be a price, a date or a phone)', () => {
    expect(slots.extract('298', 'zh-CN').quantity).toBeUndefined();
  });

  it('counts a pack in base units: 2 箱 of a product sold by the bottle in sixes is 12', () => {
    const product = catalogue.get('TCSP-500')!;
    expect(catalogue.count(product, 2, '箱')).toMatchObject({ units: 12, pack: { size: 6 } });
    expect(catalogue.count(product, 2, '瓶')).toEqual({ units: 2 });
  });
});
