package dev.kontextbot.conversation;
