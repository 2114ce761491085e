// A few of the --vscode-* variables VS Code injects into webviews, for the three theme kinds, so the
// harness page looks like the real thing in screenshots (the tests do not depend on them).
const common = `
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif;
  --vscode-font-size: 13px;
  --vscode-font-weight: normal;
  --vscode-editor-font-family: "DejaVu Sans Mono", Consolas, monospace;
  --vscode-editor-font-size: 12px;`;

const themes: Record<string, string> = {
  dark: `body.vscode-dark {${common}
  background: #181818;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149;
  --vscode-focusBorder: #0078d4; --vscode-icon-foreground: #cccccc; --vscode-widget-border: #313131;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1;
  --vscode-button-border: #ffffff12; --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c; --vscode-toolbar-hoverBackground: #5a5d5e50;
  --vscode-input-background: #313131; --vscode-input-foreground: #cccccc; --vscode-input-border: #3c3c3c;
  --vscode-input-placeholderForeground: #989898; --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-textLink-foreground: #4daafc; --vscode-textLink-activeForeground: #4daafc;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-textBlockQuote-background: #2b2b2b; --vscode-textBlockQuote-border: #616161;
  --vscode-panel-border: #2b2b2b; --vscode-sideBarSectionHeader-border: #2b2b2b;
  --vscode-inputValidation-errorBackground: #5a1d1d; --vscode-inputValidation-errorBorder: #be1100;
  --vscode-inputValidation-infoBackground: #063b49; --vscode-inputValidation-infoBorder: #007acc;
  --vscode-editorWarning-foreground: #cca700; --vscode-editorCursor-foreground: #aeafad;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-list-inactiveSelectionBackground: #37373d;
  --vscode-debugTokenExpression-name: #c586c0; --vscode-debugTokenExpression-string: #ce9178;
  --vscode-debugTokenExpression-number: #b5cea8; --vscode-debugTokenExpression-boolean: #4e94ce;
  --vscode-debugTokenExpression-error: #f48771; --vscode-symbolIcon-functionForeground: #b180d7;
  --vscode-symbolIcon-classForeground: #ee9d28; --vscode-symbolIcon-variableForeground: #75beff;
}`,
  light: `body.vscode-light {${common}
  background: #f8f8f8;
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #717171; --vscode-errorForeground: #f85149;
  --vscode-focusBorder: #005fb8; --vscode-icon-foreground: #3b3b3b; --vscode-widget-border: #e5e5e5;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8;
  --vscode-button-border: #0000001a; --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryHoverBackground: #cccccc; --vscode-toolbar-hoverBackground: #b8b8b850;
  --vscode-input-background: #ffffff; --vscode-input-foreground: #3b3b3b; --vscode-input-border: #cecece;
  --vscode-input-placeholderForeground: #767676; --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b;
  --vscode-textLink-foreground: #005fb8; --vscode-textLink-activeForeground: #005fb8;
  --vscode-textCodeBlock-background: #f2f2f2; --vscode-textBlockQuote-background: #f8f8f8; --vscode-textBlockQuote-border: #e5e5e5;
  --vscode-panel-border: #e5e5e5; --vscode-sideBarSectionHeader-border: #e5e5e5;
  --vscode-inputValidation-errorBackground: #f2dede; --vscode-inputValidation-errorBorder: #be1100;
  --vscode-inputValidation-infoBackground: #d6ecf2; --vscode-inputValidation-infoBorder: #007acc;
  --vscode-editorWarning-foreground: #bf8803; --vscode-editorCursor-foreground: #000000;
  --vscode-list-hoverBackground: #f2f2f2; --vscode-list-inactiveSelectionBackground: #e4e6f1;
  --vscode-debugTokenExpression-name: #9b46b0; --vscode-debugTokenExpression-string: #a31515;
  --vscode-debugTokenExpression-number: #098658; --vscode-debugTokenExpression-boolean: #0000ff;
  --vscode-debugTokenExpression-error: #e51400; --vscode-symbolIcon-functionForeground: #652d90;
  --vscode-symbolIcon-classForeground: #d67e00; --vscode-symbolIcon-variableForeground: #007acc;
}`,
  hc: `body.vscode-high-contrast {${common}
  background: #000000;
  --vscode-foreground: #ffffff; --vscode-descriptionForeground: #ffffffb3; --vscode-errorForeground: #f48771;
  --vscode-focusBorder: #f38518; --vscode-contrastBorder: #6fc3df; --vscode-contrastActiveBorder: #f38518;
  --vscode-icon-foreground: #ffffff; --vscode-button-background: #000000; --vscode-button-foreground: #ffffff;
  --vscode-button-border: #6fc3df; --vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff;
  --vscode-input-background: #000000; --vscode-input-foreground: #ffffff; --vscode-input-border: #6fc3df;
  --vscode-input-placeholderForeground: #ffffffb3; --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff;
  --vscode-textLink-foreground: #21a6ff; --vscode-textLink-activeForeground: #21a6ff;
  --vscode-textCodeBlock-background: #000000; --vscode-textBlockQuote-background: #000000; --vscode-textBlockQuote-border: #ffffff;
  --vscode-inputValidation-errorBackground: #000000; --vscode-inputValidation-errorBorder: #6fc3df;
  --vscode-inputValidation-infoBackground: #000000; --vscode-inputValidation-infoBorder: #6fc3df;
  --vscode-editorWarning-foreground: #fff000; --vscode-editorCursor-foreground: #ffffff;
  --vscode-debugTokenExpression-name: #ffffff; --vscode-debugTokenExpression-string: #f48771;
  --vscode-debugTokenExpression-number: #89d185; --vscode-debugTokenExpression-boolean: #75bdfe;
  --vscode-debugTokenExpression-error: #f48771; --vscode-symbolIcon-functionForeground: #b180d7;
  --vscode-symbolIcon-classForeground: #ee9d28; --vscode-symbolIcon-variableForeground: #75beff;
}`,
};

export const THEME_CSS = Object.values(themes).join('\n');
export const THEME_BODY_CLASS: Record<string, string> = { dark: 'vscode-dark', light: 'vscode-light', hc: 'vscode-high-contrast' };
