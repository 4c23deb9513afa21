package dev.kontextbot.prompts;
