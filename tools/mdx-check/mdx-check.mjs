#!/usr/bin/env node
// Compile MDX files the way Docusaurus 3 does (MDX 3 + remark-gfm), run them, render them with
// React's server renderer, and print what a reader sees: the text of every table cell and of
// every block of text outside tables, as JSON on stdout.
//
//   node mdx-check.mjs FILE_OR_FOLDER...
//
// Output: {"files": {"<path>": {"tables": [[[cell, ...], ...], ...], "blocks": [text, ...]}},
//          "errors": {"<path>": "<message>"}}
// Exit status: 0 when every file compiled and rendered, 1 otherwise, 2 on usage errors.

import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {evaluate} from '@mdx-js/mdx'
import remarkGfm from 'remark-gfm'
import {createElement} from 'react'
import * as runtime from 'react/jsx-runtime'
import {renderToStaticMarkup} from 'react-dom/server'

function mdxFiles(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path).sort().flatMap((name) => mdxFiles(join(path, name)))
  }
  return path.endsWith('.mdx') ? [path] : []
}

const ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}

function decode(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return String.fromCodePoint(code)
    }
    return name in ENTITIES ? ENTITIES[name] : whole
  })
}

// React's static markup is well formed and escapes all text, so a small tokenizer is exact here.
// Text outside tables comes back as blocks: each paragraph, and each bare line of text (an MDX
// expression alone on its line renders as text with no <p> around it).
function readerText(html) {
  const tables = []
  const blocks = []
  let row = null
  let cell = null
  let paragraph = null
  let tableDepth = 0
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(\/?)>|([^<]+)/g
  for (const match of html.matchAll(token)) {
    const [, closing, tag, selfClosing, text] = match
    if (text !== undefined) {
      if (cell !== null) cell += decode(text)
      else if (paragraph !== null) paragraph += decode(text)
      // MDX puts a line break between flow elements; it is layout, not the block's text.
      else if (!tableDepth && text.trim()) blocks.push(decode(text).replace(/^\n+|\n+$/g, ''))
      continue
    }
    const name = tag.toLowerCase()
    if (selfClosing) {
      if (name === 'br') {
        if (cell !== null) cell += '\n'
        else if (paragraph !== null) paragraph += '\n'
      }
      continue
    }
    if (!closing) {
      if (name === 'table') {
        tableDepth += 1
        tables.push([])
      } else if (name === 'tr' && tableDepth) {
        row = []
      } else if ((name === 'td' || name === 'th') && row !== null) {
        cell = ''
      } else if (name === 'p' && !tableDepth) {
        paragraph = ''
      }
    } else {
      if (name === 'table') {
        tableDepth -= 1
      } else if (name === 'tr' && row !== null) {
        tables[tables.length - 1].push(row)
        row = null
      } else if ((name === 'td' || name === 'th') && cell !== null) {
        row.push(cell)
        cell = null
      } else if (name === 'p' && paragraph !== null) {
        blocks.push(paragraph)
        paragraph = null
      }
    }
  }
  return {tables, blocks}
}

async function check(path) {
  const source = readFileSync(path, 'utf8')
  const {default: Content} = await evaluate({value: source, path}, {...runtime, remarkPlugins: [remarkGfm]})
  return readerText(renderToStaticMarkup(createElement(Content)))
}

async function main(args) {
  if (!args.length) {
    process.stderr.write('usage: mdx-check FILE_OR_FOLDER...\n')
    return 2
  }
  const files = {}
  const errors = {}
  for (const path of args.flatMap(mdxFiles)) {
    try {
      files[path] = await check(path)
    } catch (error) {
      errors[path] = String(error && error.message ? error.message : error)
    }
  }
  process.stdout.write(JSON.stringify({files, errors}, null, 1) + '\n')
  return Object.keys(errors).length ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
