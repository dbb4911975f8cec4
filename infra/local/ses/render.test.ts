import { renderTemplate, RenderError } from './render';

const text = (template: string, data: unknown) => renderTemplate(template, data, { html: false });
const html = (template: string, data: unknown) => renderTemplate(template, data, { html: true });

describe('renderTemplate', () => {
  it('substitutes variables and dotted paths', () => {
    expect(
      text('Hi {{name}}, your course {{course.title}} is ready', { name: 'Ada', course: { title: 'Go' } }),
    ).toBe('Hi Ada, your course Go is ready');
  });

  it('escapes HTML in the HTML part, not with triple braces', () => {
    expect(html('<p>{{x}}</p>{{{x}}}', { x: '<b>&' })).toBe('<p>&lt;b&gt;&amp;</p><b>&');
  });

  it('does not escape in the text part', () => {
    expect(text('{{x}}', { x: '<b>&' })).toBe('<b>&');
  });

  it('renders if/else on truthiness (an empty list is false)', () => {
    const t = '{{#if items}}some{{else}}none{{/if}}';
    expect(text(t, { items: [1] })).toBe('some');
    expect(text(t, { items: [] })).toBe('none');
    expect(text(t, {})).toBe('none');
  });

  it('renders unless', () => {
    expect(text('{{#unless paid}}please pay{{/unless}}', { paid: false })).toBe('please pay');
  });

  it('renders each with this, fields of the item and @index', () => {
    expect(
      text('{{#each lessons}}{{@index}}:{{title}}({{this.minutes}}) {{/each}}', {
        lessons: [
          { title: 'Intro', minutes: 3 },
          { title: 'Setup', minutes: 7 },
        ],
      }),
    ).toBe('0:Intro(3) 1:Setup(7) ');
  });

  it('reads outer names inside each', () => {
    expect(text('{{#each tags}}{{this}}@{{site}} {{/each}}', { tags: ['a', 'b'], site: 'x' })).toBe(
      'a@x b@x ',
    );
  });

  it('refuses a variable missing from the data, naming it', () => {
    expect(() => text('Hi {{name}}', {})).toThrow(
      new RenderError("Attribute 'name' is not present in the rendering data."),
    );
  });

  it('refuses an unclosed block', () => {
    expect(() => text('{{#if x}}open', { x: true })).toThrow(RenderError);
  });
});
