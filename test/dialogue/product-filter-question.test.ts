// Which messages ask which products have a size or are in stock (answer/product-filter.ts filters the catalog for
// them), and which are left to retrieval: the size chart, size advice, exchanges, a follow-up on the size chart.
import { describe, expect, it } from 'vitest';
import { asksStockOfNothing, productFilterAsked } from '../../src/dialogue/product-filter-question.js';

describe('productFilterAsked', () => {
  it.each([
    ['ada kemeja batik ukuran XXL ga?', { words: ['kemeja', 'batik'], size: 'XXL', inStock: false }],
    ['kemeja yg uk L msh ada?', { words: ['kemeja'], size: 'L', inStock: false }],
    ['ada yg M?', { words: [], size: 'M', inStock: false }],
    ['size XL ada kak?', { words: [], size: 'XL', inStock: false }],
    ['kemeja XL harganya brp?', { words: ['kemeja'], size: 'XL', inStock: false }],
    ['do you have the dress in XL?', { words: ['dress'], size: 'XL', inStock: false }],
    ['any shirts in XXL?', { words: ['shirts'], size: 'XXL', inStock: false }],
    ['yg ready stok apa aja kak', { words: [], inStock: true }],
    ["what's in stock?", { words: [], inStock: true }],
    ['which colours are in stock?', { words: ['colours'], inStock: true }],
    ['ada yg lebih murah?', { words: [], inStock: false, cheaper: 'than' }],
    ['any cheaper ones?', { words: [], inStock: false, cheaper: 'than' }],
    ['yang paling murah apa kak', { words: [], inStock: false, cheaper: 'most' }],
    ['what is your cheapest shirt?', { words: ['shirt'], inStock: false, cheaper: 'most' }],
    ['ada yg dibawah 200rb?', { words: [], inStock: false, under: 200000 }],
    ['ada yang di bawah Rp 200.000?', { words: [], inStock: false, under: 200000 }],
    ['kemeja budget 250rb ada?', { words: ['kemeja'], inStock: false, under: 250000 }],
    ['anything under 150k?', { words: [], inStock: false, under: 150000 }],
  ])('%s', (question, filter) => {
    expect(productFilterAsked(question)).toEqual(filter);
  });

  it.each([
    // A follow-up on the size chart, advice between sizes, a measurement, the chart itself, an exchange.
    'kalau XL?',
    'aku antara M sama L',
    'lingkar dada 100 cm cocoknya size apa',
    'ukuran apa aja?',
    'which sizes do you have?',
    'kak kemeja yg sy beli kekecilan bs tuker ukuran?',
    'ada ukuran M dan L?',
    // A single letter is a size only after a word that makes it one.
    'P',
    'M ada?',
    'ready kak?',
    // Remarks on price are not questions about other products.
    'murah amat',
    'kok mahal ya',
  ])('%s is not a product filter', (question) => {
    expect(productFilterAsked(question)).toBeUndefined();
  });
});

describe('asksStockOfNothing', () => {
  it.each([
    ['ready kak?', true],
    ['masih ready?', true],
    ['stoknya ada?', true],
    ['is it in stock?', true],
    ['ready stok ga kak', true],
    // A product, a size or a list is named: the filter or the product's row answers.
    ['kemeja parang ready?', false],
    ['ready ukuran XL?', false],
    ["what's in stock?", false],
    ['yg ready apa aja kak', false],
    ['ada?', false],
  ])('%s: %s', (question, asks) => {
    expect(asksStockOfNothing(question)).toBe(asks);
  });
});

